namespace Kubedos.Operations.Runbooks;

/// <summary>What fencing a node cuts off: its public key on each plane, and every address it answers on.</summary>
/// <param name="Node">The fenced node.</param>
/// <param name="PlaneKeys">Plane name to the node's WireGuard public key there, as the stack records it.</param>
/// <param name="Addresses">Its plane addresses (the substrate's fence adds the address it reaches the node on).</param>
/// <param name="Others">The nodes that drop it.</param>
internal sealed record NodeFence(string Node, IReadOnlyDictionary<string, string> PlaneKeys, IReadOnlyList<string> Addresses, IReadOnlyList<string> Others)
{
    /// <summary>The nftables table the fence lives in on every other node, apart from the stack's own tables.</summary>
    public const string Table = "kubedos-fence";

    /// <summary>The script a node runs to fence: every plane's peer for the node removed, then a table dropping its addresses both ways.</summary>
    public string Script()
    {
        var peers = PlaneKeys.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"if wg show {p.Key} >/dev/null 2>&1; then wg set {p.Key} peer '{p.Value}' remove; fi");
        var set = string.Join(", ", Addresses);
        return string.Join('\n', [
            "set -eu",
            .. peers,
            $"nft -f - <<'NFT'",
            $"table inet {Table}",
            $"delete table inet {Table}",
            $"table inet {Table} {{",
            $"  chain input {{ type filter hook input priority -200; policy accept; ip saddr {{ {set} }} drop; }}",
            $"  chain output {{ type filter hook output priority -200; policy accept; ip daddr {{ {set} }} drop; }}",
            "}",
            "NFT",
        ]) + "\n";
    }

    /// <summary>The script that lifts the fence (once the fenced machine is destroyed and its addresses are free for its replacement).</summary>
    public static string LiftScript => $"nft delete table inet {Table} 2>/dev/null || true\n";
}
