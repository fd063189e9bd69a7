namespace Kubedos.Components.Planes;

/// <summary>A peer of one node on one plane: its public key, underlay endpoint and the source addresses WireGuard admits from it.</summary>
internal sealed record PlanePeer(string Name, string PublicKey, string Endpoint, IReadOnlyList<string> AllowedIps);
