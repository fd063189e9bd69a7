using System.Globalization;
using System.Text;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Firstboot;

/// <summary>
/// Renders the node's nftables baseline (table <c>inet kubedos_base</c>): inbound is denied by
/// default; only loopback, replies, the plane interfaces (whose traffic the plane policy table
/// judges) and the planes' WireGuard UDP ports on the underlay get in.
/// </summary>
internal static class BaselineFirewallRenderer
{
    public const string Table = "kubedos_base";

    public const string Path = "/etc/kubedos/nftables/baseline.nft";

    public static string Render(IReadOnlyList<NormalisedPlane> planes)
    {
        ArgumentNullException.ThrowIfNull(planes);
        var interfaces = string.Join(", ", planes.Select(p => $"\"{p.Name}\""));
        var ports = string.Join(", ", planes.Select(p => p.ListenPort.ToString(CultureInfo.InvariantCulture)));
        var text = new StringBuilder();
        text.AppendLine("# The node's inbound baseline, rendered by kubedos. Loading it replaces the table whole.");
        text.AppendLine(CultureInfo.InvariantCulture, $"table inet {Table}");
        text.AppendLine(CultureInfo.InvariantCulture, $"delete table inet {Table}");
        text.AppendLine(CultureInfo.InvariantCulture, $"table inet {Table} {{");
        text.AppendLine("  chain input {");
        text.AppendLine("    type filter hook input priority filter; policy drop;");
        text.AppendLine("    iif \"lo\" accept");
        text.AppendLine("    ct state invalid drop");
        text.AppendLine("    ct state established,related accept");
        text.AppendLine(CultureInfo.InvariantCulture, $"    iifname {{ {interfaces} }} accept comment \"plane traffic: table kubedos_planes decides\"");
        text.AppendLine(CultureInfo.InvariantCulture, $"    iifname != {{ {interfaces} }} udp dport {{ {ports} }} accept comment \"WireGuard on the underlay\"");
        text.AppendLine("  }");
        text.AppendLine("  chain forward {");
        text.AppendLine("    type filter hook forward priority filter; policy drop;");
        text.AppendLine("  }");
        text.AppendLine("}");
        return text.ToString();
    }
}
