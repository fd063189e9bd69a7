using Kubedos.Engine.Model;

namespace Kubedos.Engine.Providers;

/// <summary>Asks a provider to create a resource; with <see cref="Preview"/> nothing real may change and outputs may be unknown.</summary>
public sealed record CreateRequest(Urn Urn, string Type, PropertyMap Inputs, bool Preview);
