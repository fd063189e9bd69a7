using System.Net;
using System.Net.Sockets;

namespace Kubedos.Providers.Local;

/// <summary>
/// Builds and removes a stack's underlay: a switch namespace with a bridge, and the operator link
/// that lets the host reach the nodes, guarded by the fallback routes.
/// </summary>
/// <remarks>
/// Order is the safety argument: the fallback routes and the forward guard go in before anything that
/// can carry lab traffic and come out after everything else, so no packet to a lab address can leave
/// the machine.
/// </remarks>
internal sealed class UnderlayNetwork(ICommandRunner runner)
{
    private readonly NetworkNamespaces namespaces = new(runner);
    private readonly FallbackRoutes routes = new(runner);
    private readonly ForwardGuard guard = new(runner);

    /// <summary>The read-only checks of <see cref="EnsureAsync"/>: an IPv4 underlay, and no CIDR overlapping the host's or another lab's.</summary>
    public async Task CheckAsync(UnderlaySpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var names = LabNames.For(spec.Stack);
        var cidr = spec.Cidr ?? names.DefaultUnderlay;
        CheckUnderlayCidr(cidr);
        await CheckNoOverlapAsync(Fallback(spec, cidr), names, cancellationToken);
    }

    public async Task<Underlay> EnsureAsync(UnderlaySpec spec, CancellationToken cancellationToken)
    {
        await CheckAsync(spec, cancellationToken);
        var names = LabNames.For(spec.Stack);
        var cidr = spec.Cidr ?? names.DefaultUnderlay;
        var fallback = Fallback(spec, cidr);

        await routes.EnsureAsync(fallback, names.FallbackMetric, cancellationToken);
        await guard.EnsureAsync(names, cancellationToken);

        var sw = names.SwitchNamespace;
        await namespaces.EnsureAsync(sw, cancellationToken);
        if (!await namespaces.LinkExistsAsync(sw, LabNames.Bridge, cancellationToken))
        {
            await namespaces.IpAsync(sw, cancellationToken, "link", "add", LabNames.Bridge, "type", "bridge");
        }

        await namespaces.IpAsync(sw, cancellationToken, "link", "set", LabNames.Bridge, "up");
        if (!await namespaces.LinkExistsAsync(null, names.OperatorInterface, cancellationToken))
        {
            await namespaces.IpAsync(
                null, cancellationToken, "link", "add", names.OperatorInterface, "type", "veth", "peer", "name", names.OperatorPort, "netns", sw);
        }

        await namespaces.IpAsync(sw, cancellationToken, "link", "set", names.OperatorPort, "master", LabNames.Bridge, "up");
        var operatorAddress = Ipv4.LastUsable(cidr);
        await namespaces.IpAsync(
            null, cancellationToken, "addr", "replace", $"{operatorAddress}/{cidr.PrefixLength}", "dev", names.OperatorInterface);
        await namespaces.IpAsync(null, cancellationToken, "link", "set", names.OperatorInterface, "up");

        return new Underlay(spec.Stack, sw, cidr, names.OperatorInterface, operatorAddress, fallback, names.FallbackMetric);
    }

    /// <summary>The underlay as it is, or null when its switch namespace is gone.</summary>
    public async Task<Underlay?> FindAsync(string stack, CancellationToken cancellationToken)
    {
        var names = LabNames.For(stack);
        if (!await namespaces.ExistsAsync(names.SwitchNamespace, cancellationToken)
            || !await namespaces.LinkExistsAsync(null, names.OperatorInterface, cancellationToken))
        {
            return null;
        }

        var addresses = await namespaces.IpAsync(null, cancellationToken, "-j", "-4", "addr", "show", "dev", names.OperatorInterface);
        var info = IpJson.Array(addresses.Stdout).SelectMany(l => l.GetProperty("addr_info").EnumerateArray()).FirstOrDefault();
        if (info.ValueKind == System.Text.Json.JsonValueKind.Undefined)
        {
            return null;
        }

        var address = IPAddress.Parse(info.GetProperty("local").GetString()!);
        var cidr = Ipv4.NetworkOf(address, info.GetProperty("prefixlen").GetInt32());
        var fallback = Canonical(cidr, await routes.ListAsync(names.FallbackMetric, cancellationToken));
        return new Underlay(stack, names.SwitchNamespace, cidr, names.OperatorInterface, address, fallback, names.FallbackMetric);
    }

    /// <summary>Removes the operator link and the switch, then (last) the fallback routes and the forward guard.</summary>
    public async Task RemoveAsync(string stack, CancellationToken cancellationToken)
    {
        var names = LabNames.For(stack);
        if (await namespaces.LinkExistsAsync(null, names.OperatorInterface, cancellationToken))
        {
            await namespaces.IpAsync(null, cancellationToken, "link", "del", names.OperatorInterface);
        }

        await namespaces.DeleteAsync(names.SwitchNamespace, cancellationToken);
        await routes.RemoveAllAsync(names.FallbackMetric, cancellationToken);
        await guard.RemoveAsync(names, cancellationToken);
    }

    private static IPNetwork[] Fallback(UnderlaySpec spec, IPNetwork cidr) => Canonical(cidr, spec.FallbackCidrs);

    // The underlay first, then the planes in address order: what was made and what is read back (in the host's route
    // order) compare equal, so a refresh reports no drift for an underlay nobody touched.
    private static IPNetwork[] Canonical(IPNetwork underlay, IEnumerable<IPNetwork> others) =>
        [underlay, .. others.Where(c => c != underlay).Distinct()
            .OrderBy(c => c.BaseAddress.GetAddressBytes(), Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)))
            .ThenBy(c => c.PrefixLength)];

    private static void CheckUnderlayCidr(IPNetwork cidr)
    {
        if (cidr.BaseAddress.AddressFamily != AddressFamily.InterNetwork || cidr.PrefixLength is < 8 or > 29)
        {
            throw new ArgumentException($"underlay CIDR {cidr} must be IPv4 with a prefix from /8 to /29", nameof(cidr));
        }
    }

    // A lab CIDR (the underlay or a plane) that overlaps a real host network would shadow it, and one that overlaps
    // another lab stack's would send this stack's traffic into that lab: refuse instead, before touching anything.
    private async Task CheckNoOverlapAsync(IReadOnlyList<IPNetwork> cidrs, LabNames names, CancellationToken cancellationToken)
    {
        string[] own = [names.OperatorInterface, OperatorWireGuardHandler.InterfaceName(names.Stack)];
        var result = await runner.RunCheckedAsync(cancellationToken, "ip", "-j", "-4", "route", "show");
        foreach (var route in IpJson.Array(result.Stdout))
        {
            var dst = route.TryGetProperty("dst", out var d) ? d.GetString() : null;
            var dev = route.TryGetProperty("dev", out var v) ? v.GetString() : null;
            var type = route.TryGetProperty("type", out var t) ? t.GetString() : null;
            var metric = route.TryGetProperty("metric", out var m) ? m.GetInt64() : 0;
            var otherLab = type == "unreachable" && metric != names.FallbackMetric && metric is >= LabNames.FirstFallbackMetric and <= LabNames.LastFallbackMetric;
            if (dst is null or "default" || (dev is null && !otherLab) || (dev is not null && own.Contains(dev)))
            {
                continue;
            }

            var other = IPNetwork.Parse(dst.Contains('/', StringComparison.Ordinal) ? dst : dst + "/32");
            foreach (var cidr in cidrs.Where(c => other.Contains(c.BaseAddress) || c.Contains(other.BaseAddress)))
            {
                var what = cidr == cidrs[0] ? "underlay" : "plane";
                throw new LabConflictException(otherLab
                    ? $"{what} {cidr} of stack {names.Stack} overlaps {dst} of another lab stack that is up (its fallback route, metric {metric}); "
                        + "stacks up at once need disjoint underlay and plane CIDRs: change the spec, or destroy the other stack (scripts/lab/lab-status.sh lists what is up)"
                    : LabNames.IsLabLink(dev!)
                        ? $"{what} {cidr} of stack {names.Stack} overlaps {dst} via {dev}, the link of another lab stack that is up; "
                            + "stacks up at once need disjoint underlay and plane CIDRs: change the spec, or destroy the other stack (scripts/lab/lab-status.sh lists what is up)"
                        : $"{what} {cidr} of stack {names.Stack} overlaps the host route {dst} via {dev}; choose another {what} CIDR in the spec");
            }
        }
    }
}
