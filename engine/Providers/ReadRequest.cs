using Kubedos.Engine.Model;

namespace Kubedos.Engine.Providers;

/// <summary>Asks a provider for a resource's live state; <see cref="Id"/> is null when recovering an interrupted create.</summary>
public sealed record ReadRequest(Urn Urn, string Type, string? Id, PropertyMap Inputs, PropertyMap Outputs);
