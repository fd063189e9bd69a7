namespace Kubedos.Engine.Model;

/// <summary>What the engine answers a registration with: the id (null for components, empty in preview) and outputs.</summary>
internal sealed record RegistrationResult(string? Id, PropertyMap Outputs);
