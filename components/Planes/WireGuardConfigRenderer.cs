using System.Globalization;
using System.Text;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Planes;

/// <summary>Renders a node's WireGuard configuration (<c>wg setconf</c> form) and the script bringing the plane up.</summary>
internal static class WireGuardConfigRenderer
{
    public const string Directory = "/etc/kubedos/wireguard";

    /// <summary>
    /// Route tables (and the connection marks that select them) for inter-plane replies start here, one per plane: a
    /// connection that came in on a plane from another plane's address is marked with its plane's number, and its
    /// replies follow that plane's table back out the same interface.
    /// </summary>
    public const int FirstReplyTable = 1100;

    /// <summary>The reply table and connection mark of <paramref name="plane"/>.</summary>
    public static int ReplyTable(IReadOnlyList<NormalisedPlane> planes, NormalisedPlane plane)
    {
        ArgumentNullException.ThrowIfNull(planes);
        ArgumentNullException.ThrowIfNull(plane);
        return FirstReplyTable + planes.Select(p => p.Name).ToList().IndexOf(plane.Name);
    }

    public static string ConfigPath(string plane) => $"{Directory}/{plane}.conf";

    /// <summary>
    /// The peers of <paramref name="self"/> on <paramref name="plane"/>: every other node, at its
    /// underlay address and the plane's port, admitting its plane address and, for every allow
    /// rule into this plane, its address on the rule's source plane.
    /// </summary>
    public static IReadOnlyList<PlanePeer> Peers(
        NormalisedPlane plane,
        NormalisedNode self,
        IReadOnlyList<NormalisedNode> nodes,
        IReadOnlyList<InterPlaneFlow> flows,
        Func<NormalisedNode, string> publicKey,
        Func<NormalisedNode, string> underlayAddress)
    {
        ArgumentNullException.ThrowIfNull(plane);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(flows);
        var sources = flows.Where(f => f.To.Name == plane.Name).Select(f => f.From.Name).Distinct(StringComparer.Ordinal).ToList();
        return [.. nodes.Where(n => n.Name != self.Name).Select(peer => new PlanePeer(
            peer.Name,
            publicKey(peer),
            $"{underlayAddress(peer)}:{plane.ListenPort.ToString(CultureInfo.InvariantCulture)}",
            [$"{peer.PlaneAddresses[plane.Name]}/32", .. sources.Select(s => $"{peer.PlaneAddresses[s]}/32")]))];
    }

    /// <summary>The <c>wg setconf</c> file (holds the private key: keep it 0600 and secret).</summary>
    public static string RenderConfig(NormalisedPlane plane, string privateKey, IReadOnlyList<PlanePeer> peers)
    {
        ArgumentNullException.ThrowIfNull(plane);
        ArgumentNullException.ThrowIfNull(peers);
        var text = new StringBuilder();
        text.Append("[Interface]\nPrivateKey = ").Append(privateKey).Append('\n');
        text.Append("ListenPort = ").Append(plane.ListenPort.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var peer in peers)
        {
            text.Append("\n# ").Append(peer.Name).Append('\n');
            text.Append("[Peer]\nPublicKey = ").Append(peer.PublicKey).Append('\n');
            text.Append("AllowedIPs = ").Append(string.Join(", ", peer.AllowedIps)).Append('\n');
            if (peer.Endpoint is not null)
            {
                text.Append("Endpoint = ").Append(peer.Endpoint).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The configuration with the private key blanked, for <c>out/&lt;stack&gt;/rendered/</c>.</summary>
    public static string Redact(string config) =>
        string.Join('\n', config.Split('\n').Select(l => l.StartsWith("PrivateKey = ", StringComparison.Ordinal) ? "PrivateKey = (secret, in the stack state)" : l));

    /// <summary>
    /// The script that loads the configuration, addresses and raises the interface, and installs
    /// the reply table and rule carrying replies of marked inter-plane connections back through this plane.
    /// </summary>
    public static string RenderUpScript(NormalisedPlane plane, NormalisedNode self, IReadOnlyList<NormalisedPlane> planes, IReadOnlyList<InterPlaneFlow> flows)
    {
        ArgumentNullException.ThrowIfNull(plane);
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(planes);
        ArgumentNullException.ThrowIfNull(flows);
        var address = self.PlaneAddresses[plane.Name];
        var text = new StringBuilder("set -e\n");
        text.Append("wg setconf ").Append(plane.Name).Append(' ').Append(ConfigPath(plane.Name)).Append('\n');
        text.Append("ip address replace ").Append(address).Append('/').Append(plane.Cidr.PrefixLength.ToString(CultureInfo.InvariantCulture))
            .Append(" dev ").Append(plane.Name).Append('\n');
        text.Append("ip link set ").Append(plane.Name).Append(" up\n");
        // Replies to connections that came in on this plane from another plane leave through this plane (marked by
        // nftables, see PlanePolicyRenderer); connections this node starts take the main table, so a sender's packet
        // leaves through the destination plane's interface.
        var sources = flows.Where(f => f.To.Name == plane.Name).Select(f => f.From).DistinctBy(p => p.Name).ToList();
        if (sources.Count > 0)
        {
            var table = ReplyTable(planes, plane).ToString(CultureInfo.InvariantCulture);
            foreach (var source in sources)
            {
                text.Append("ip route replace ").Append(source.Cidr).Append(" dev ").Append(plane.Name).Append(" table ").Append(table).Append('\n');
            }

            text.Append("ip rule del fwmark ").Append(table).Append(" table ").Append(table).Append(" 2>/dev/null || true\n");
            text.Append("ip rule add fwmark ").Append(table).Append(" table ").Append(table).Append(" priority ").Append(table).Append('\n');
        }

        text.Append("wg show ").Append(plane.Name).Append(" public-key\n");
        return text.ToString();
    }

}
