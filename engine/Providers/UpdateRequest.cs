using Kubedos.Engine.Model;

namespace Kubedos.Engine.Providers;

/// <summary>Asks a provider to update a resource in place; with <see cref="Preview"/> nothing real may change.</summary>
public sealed record UpdateRequest(Urn Urn, string Type, string Id, PropertyMap OldInputs, PropertyMap OldOutputs, PropertyMap NewInputs, bool Preview);
