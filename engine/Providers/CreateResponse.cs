using Kubedos.Engine.Model;

namespace Kubedos.Engine.Providers;

/// <summary>The created resource's id (empty in preview) and outputs.</summary>
public sealed record CreateResponse(string Id, PropertyMap Outputs);
