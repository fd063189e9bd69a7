using Kubedos.Engine.Model;

namespace Kubedos.Engine.Providers;

/// <summary>Asks a provider to validate new inputs; <see cref="OldInputs"/> is null for a new resource.</summary>
public sealed record CheckRequest(Urn Urn, string Type, PropertyMap? OldInputs, PropertyMap NewInputs);
