using Kubedos.Engine.Model;

namespace Kubedos.Engine.Providers;

/// <summary>Asks a provider how new inputs differ from the resource's recorded state.</summary>
public sealed record DiffRequest(Urn Urn, string Type, string Id, PropertyMap OldInputs, PropertyMap OldOutputs, PropertyMap NewInputs);
