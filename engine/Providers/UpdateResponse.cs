using Kubedos.Engine.Model;

namespace Kubedos.Engine.Providers;

/// <summary>The updated resource's outputs.</summary>
public sealed record UpdateResponse(PropertyMap Outputs);
