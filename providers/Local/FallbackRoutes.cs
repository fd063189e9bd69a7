using System.Net;
using System.Net.Sockets;

namespace Kubedos.Providers.Local;

/// <summary>
/// The host's on-machine fallback for lab addresses: an <c>unreachable</c> route per lab CIDR in the
/// root namespace, so a packet to a lab address never takes the default route out of the machine.
/// </summary>
/// <remarks>
/// The routes sit at a metric far above real routes, so the operator link (metric 0) wins while it
/// exists and the fallback catches everything else, also mid-bring-up and mid-teardown. Each stack
/// has its own metric (<see cref="LabNames.FallbackMetric"/>), which is how its routes are told apart.
/// </remarks>
internal sealed class FallbackRoutes(ICommandRunner runner)
{
    /// <summary>Adds the routes that are missing, then drops this metric's routes that are no longer wanted.</summary>
    public async Task EnsureAsync(IReadOnlyCollection<IPNetwork> cidrs, int metric, CancellationToken cancellationToken)
    {
        var present = await ListAsync(metric, cancellationToken);
        foreach (var cidr in cidrs.Where(c => !present.Contains(c)))
        {
            await runner.RunCheckedAsync(
                cancellationToken, "ip", Family(cidr), "route", "add", "unreachable", cidr.ToString(), "metric", Metric(metric));
        }

        foreach (var stale in present.Where(p => !cidrs.Contains(p)))
        {
            await DeleteAsync(stale, metric, cancellationToken);
        }
    }

    /// <summary>Removes every fallback route of this metric (the stack's), whatever CIDR it covers.</summary>
    public async Task RemoveAllAsync(int metric, CancellationToken cancellationToken)
    {
        foreach (var cidr in await ListAsync(metric, cancellationToken))
        {
            await DeleteAsync(cidr, metric, cancellationToken);
        }
    }

    /// <summary>The CIDRs that have an unreachable route at this metric in the root namespace's main table.</summary>
    public async Task<IReadOnlyList<IPNetwork>> ListAsync(int metric, CancellationToken cancellationToken)
    {
        var found = new List<IPNetwork>();
        foreach (var family in new[] { "-4", "-6" })
        {
            var result = await runner.RunCheckedAsync(
                cancellationToken, "ip", "-j", family, "route", "show", "type", "unreachable");
            foreach (var route in IpJson.Array(result.Stdout))
            {
                if (route.TryGetProperty("metric", out var m) && m.GetInt64() == metric
                    && route.TryGetProperty("dst", out var dst) && TryParseDestination(dst.GetString(), family, out var cidr))
                {
                    found.Add(cidr);
                }
            }
        }

        return found;
    }

    private async Task DeleteAsync(IPNetwork cidr, int metric, CancellationToken cancellationToken)
    {
        var command = HostCommand.Of("ip", Family(cidr), "route", "del", "unreachable", cidr.ToString(), "metric", Metric(metric));
        var result = await runner.RunAsync(command, cancellationToken);

        // Already gone (a concurrent or interrupted teardown) is what was wanted.
        if (!result.Succeeded && !result.Stderr.Contains("No such process", StringComparison.Ordinal))
        {
            throw new LabCommandException(command, result);
        }
    }

    private static bool TryParseDestination(string? dst, string family, out IPNetwork cidr)
    {
        cidr = default;
        if (dst is null)
        {
            return false;
        }

        // `ip` prints a host route without its prefix length.
        var text = dst.Contains('/', StringComparison.Ordinal) ? dst : dst + (family == "-4" ? "/32" : "/128");
        return IPNetwork.TryParse(text, out cidr);
    }

    private static string Family(IPNetwork cidr) =>
        cidr.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6 ? "-6" : "-4";

    private static string Metric(int metric) => metric.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
