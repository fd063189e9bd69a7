namespace Kubedos.Components.Planes;

/// <summary>A peer of one node on one plane: its public key, underlay endpoint and the source addresses WireGuard admits from it.</summary>
/// <remarks>A peer without an endpoint (the operator) is reached at the address it last wrote from.</remarks>
internal sealed record PlanePeer(string Name, string PublicKey, string? Endpoint, IReadOnlyList<string> AllowedIps);
