using Kubedos.Components.Firstboot;
using Kubedos.Engine.Model;
using Kubedos.Pki;

namespace Kubedos.Components.Acceptance;

/// <summary>
/// What evidence about a node rests on: the machine's incarnation, its SSH host key, its plane public keys and its addresses.
/// A probe's result is only about the nodes it touched as they were then; when any of these changes (the node was made anew,
/// a key was rotated), every probe that touched the node must run again, not only the node's own.
/// </summary>
internal static class NodeEvidence
{
    /// <summary>One line naming everything <paramref name="node"/>'s evidence rests on.</summary>
    public static Output<string> Identity(BootedNode node, Output<Dictionary<string, string>> planeKeys)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(planeKeys);
        var addresses = string.Join(' ', node.Substrate.Node.PlaneAddresses.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        return Output.Tuple<string, string, Dictionary<string, string>>(node.Substrate.Instance, node.HostPublicKey, planeKeys).Apply(t =>
        {
            var keys = string.Join(' ', t.Item3.Where(k => k.Key.StartsWith(node.Name + "/", StringComparison.Ordinal)).OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}={k.Value}"));
            return $"{node.Name} instance={t.Item1} host-key={t.Item2} underlay={node.Substrate.UnderlayAddress} {addresses} {keys}";
        });
    }

    /// <summary>The digest of the identities of every node in <paramref name="touched"/>: a probe's trigger.</summary>
    /// <exception cref="KeyNotFoundException">A touched node has no identity (a probe names a node the cluster does not have).</exception>
    public static Output<string> Basis(IEnumerable<string> touched, IReadOnlyDictionary<string, Output<string>> identities)
    {
        ArgumentNullException.ThrowIfNull(touched);
        ArgumentNullException.ThrowIfNull(identities);
        var nodes = touched.Where(n => n != ProbePlan.Operator).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return Output.All(nodes.Select(n => identities[n])).Apply(lines => Sha256Hex.Of(string.Join('\n', lines)));
    }

    /// <summary>Every node a set of probes touches: where each runs and what it reaches.</summary>
    public static IEnumerable<string> Touched(IEnumerable<Probe> probes) => probes.SelectMany(p => new[] { p.From, p.To });
}
