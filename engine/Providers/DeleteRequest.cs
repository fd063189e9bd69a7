using Kubedos.Engine.Model;

namespace Kubedos.Engine.Providers;

/// <summary>Asks a provider to delete a resource.</summary>
public sealed record DeleteRequest(Urn Urn, string Type, string Id, PropertyMap Inputs, PropertyMap Outputs);
