using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Planes;

/// <summary>
/// One allow rule of <c>networking.policy</c>: traffic from an address of plane <see cref="From"/>
/// to an address of plane <see cref="To"/> on <see cref="Ports"/>, and nothing else.
/// </summary>
/// <remarks>
/// How such a flow is carried: the sender addresses the destination's <see cref="To"/> address
/// from its own <see cref="From"/> address, so the packet leaves through the sender's
/// <see cref="To"/> interface; every node lists each peer's <see cref="From"/> address in that
/// peer's AllowedIPs on <see cref="To"/> (so WireGuard admits it), and a source rule sends the
/// replies back through <see cref="To"/> too. Flows no rule names have no AllowedIPs entry and
/// no firewall opening, so they fail twice over.
/// </remarks>
internal sealed record InterPlaneFlow(NormalisedPlane From, NormalisedPlane To, IReadOnlyList<PortRange> Ports)
{
    public static IReadOnlyList<InterPlaneFlow> Of(NormalisedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return [.. cluster.Document.Spec.Networking.Policy.Allow.Select(rule =>
            new InterPlaneFlow(cluster.Plane(rule.From), cluster.Plane(rule.To), [.. rule.Ports.Select(PortRange.Parse)]))];
    }
}
