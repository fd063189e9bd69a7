using System.Globalization;
using System.Text;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Planes;

/// <summary>
/// Renders the plane policy (table <c>inet kubedos_planes</c>): on a plane interface, traffic
/// within the plane passes, each allow rule opens exactly its source CIDR to its destination CIDR
/// on its ports, and everything else between planes is dropped (unless the spec's default is allow).
/// </summary>
internal static class PlanePolicyRenderer
{
    public const string Table = "kubedos_planes";

    public const string Path = "/etc/kubedos/nftables/planes.nft";

    public static string Render(IReadOnlyList<NormalisedPlane> planes, IReadOnlyList<InterPlaneFlow> flows, InterPlaneDefault? defaultInterPlane)
    {
        ArgumentNullException.ThrowIfNull(planes);
        ArgumentNullException.ThrowIfNull(flows);
        var interfaces = string.Join(", ", planes.Select(p => $"\"{p.Name}\""));
        var text = new StringBuilder();
        text.AppendLine("# The plane policy, rendered by kubedos from networking.policy. Loading it replaces the table whole.");
        text.AppendLine(CultureInfo.InvariantCulture, $"table inet {Table}");
        text.AppendLine(CultureInfo.InvariantCulture, $"delete table inet {Table}");
        text.AppendLine(CultureInfo.InvariantCulture, $"table inet {Table} {{");
        text.AppendLine("  chain input {");
        text.AppendLine("    type filter hook input priority filter + 10; policy accept;");
        text.AppendLine(CultureInfo.InvariantCulture, $"    iifname != {{ {interfaces} }} accept comment \"not plane traffic: table kubedos_base decides\"");
        text.AppendLine("    ct state established,related accept");
        foreach (var plane in planes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    iifname \"{plane.Name}\" ip saddr {plane.Cidr} ip daddr {plane.Cidr} accept comment \"within {plane.Name}\"");
        }

        foreach (var flow in flows)
        {
            foreach (var protocol in flow.Ports.Select(p => p.Protocol).Distinct(StringComparer.Ordinal))
            {
                var ports = string.Join(", ", flow.Ports.Where(p => p.Protocol == protocol).Select(NftPorts));
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"    iifname \"{flow.To.Name}\" ip saddr {flow.From.Cidr} ip daddr {flow.To.Cidr} {protocol} dport {{ {ports} }} accept comment \"allow {flow.From.Name} -> {flow.To.Name}\"");
            }
        }

        text.AppendLine(defaultInterPlane == InterPlaneDefault.Allow
            ? "    accept comment \"defaultInterPlane: allow\""
            : "    counter drop comment \"defaultInterPlane: deny\"");
        text.AppendLine("  }");

        // A connection that arrives on a plane from another plane's address is marked with that plane's reply table
        // (WireGuardConfigRenderer.ReplyTable), so its replies leave through the plane it came in on.
        text.AppendLine("  chain prerouting {");
        text.AppendLine("    type filter hook prerouting priority mangle; policy accept;");
        foreach (var plane in planes)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"    iifname \"{plane.Name}\" ip saddr != {plane.Cidr} ct state new ct mark set {WireGuardConfigRenderer.ReplyTable(planes, plane)} comment \"replies leave through {plane.Name}\"");
        }

        text.AppendLine("    ct mark != 0 meta mark set ct mark");
        text.AppendLine("  }");
        text.AppendLine("  chain output {");
        text.AppendLine("    type route hook output priority mangle; policy accept;");
        text.AppendLine("    ct mark != 0 meta mark set ct mark");
        text.AppendLine("  }");
        text.AppendLine("}");
        return text.ToString();
    }

    /// <summary>The nftables form of a port range: <c>6443</c> or <c>2379-2380</c>.</summary>
    private static string NftPorts(PortRange ports) =>
        ports.First == ports.Last ? ports.First.ToString(CultureInfo.InvariantCulture) : $"{ports.First}-{ports.Last}";
}
