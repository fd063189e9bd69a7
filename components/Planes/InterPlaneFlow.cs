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
/// peer's AllowedIPs on <see cref="To"/> (so WireGuard admits it), and the connection's mark
/// (set by nftables on arrival) sends the replies back through <see cref="To"/> too. Under <c>defaultInterPlane: deny</c>, flows no rule
/// names have no AllowedIPs entry and no firewall opening, so they fail twice over; under
/// <c>allow</c>, WireGuard and routing carry every pair of planes (<see cref="Carried"/>) and the
/// firewall's default accepts them.
/// </remarks>
internal sealed record InterPlaneFlow(NormalisedPlane From, NormalisedPlane To, IReadOnlyList<PortRange> Ports)
{
    public static IReadOnlyList<InterPlaneFlow> Of(NormalisedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return [.. cluster.PlanePolicy.Allow.Select(rule => new InterPlaneFlow(rule.From, rule.To, rule.Ports))];
    }

    /// <summary>
    /// The flows WireGuard and routing must carry: the allow rules, and with <c>defaultInterPlane: allow</c> also every
    /// other ordered pair of planes, on every port.
    /// </summary>
    public static IReadOnlyList<InterPlaneFlow> Carried(NormalisedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var rules = Of(cluster);
        if (!cluster.PlanePolicy.OpenByDefault)
        {
            return rules;
        }

        IReadOnlyList<PortRange> any = [new PortRange(1, 65535, "tcp"), new PortRange(1, 65535, "udp")];
        return [.. rules, .. cluster.Planes.SelectMany(from => cluster.Planes
            .Where(to => to.Name != from.Name && !rules.Any(r => r.From.Name == from.Name && r.To.Name == to.Name))
            .Select(to => new InterPlaneFlow(from, to, any)))];
    }
}
