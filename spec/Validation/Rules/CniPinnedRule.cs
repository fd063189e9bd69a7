using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>
/// With Kubernetes enabled, the CNI the reference renders is pinned to a Cilium chart whose values it writes
/// (1.14 and later), and the pod network holds one per-node block (a /24) for every node.
/// </summary>
internal sealed class CniPinnedRule : ISpecRule
{
    /// <summary>The first Cilium chart with the values the renderer writes (routingMode, tunnelProtocol, a boolean kubeProxyReplacement).</summary>
    public static readonly Version FirstChart = new(1, 14);

    /// <summary>Each node's pod block, as the Cilium values cut it.</summary>
    public const int NodeBlockPrefix = 24;

    public string Id => "cni-pinned";

    public string Summary => $"With kubernetes.enabled, kubernetes.cni.version pins a Cilium chart {FirstChart} or later (1.16.1, v1.16.1) and kubernetes.podCidr holds a /{NodeBlockPrefix} per node.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var kubernetes = document.Spec.Kubernetes;
        if (!kubernetes.Enabled)
        {
            yield break;
        }

        var version = kubernetes.Cni.Version;
        if (version is null)
        {
            yield return new SpecFinding("spec.kubernetes.cni", $"kubernetes is enabled but the Cilium chart is not pinned: set kubernetes.cni.version (such as 1.16.1; {FirstChart} or later)");
        }
        else if (PinnedVersion.Problem(version) is null)
        {
            // An unpinned version is version-pinned's finding; a pinned one must still be a chart this renderer speaks to.
            var parts = version.TrimStart('v').Split('.', '-', '+');
            if (parts.Length < 2 || !int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor))
            {
                yield return new SpecFinding("spec.kubernetes.cni.version", $"'{version}' is not a Cilium chart version (such as 1.16.1)");
            }
            else if (new Version(major, minor) < FirstChart)
            {
                yield return new SpecFinding("spec.kubernetes.cni.version",
                    $"Cilium {version} predates chart {FirstChart}, whose values the renderer writes (routingMode and tunnelProtocol replaced tunnel; kubeProxyReplacement became true/false): pin {FirstChart} or later");
            }
        }

        var nodes = document.Spec.Nodes.Inventory.Count;
        if (Ipv4Cidr.TryParse(kubernetes.PodCidr, out var pods, out _) && nodes > 0)
        {
            var blocks = pods.PrefixLength > NodeBlockPrefix ? 0 : 1L << (NodeBlockPrefix - pods.PrefixLength);
            if (blocks < nodes)
            {
                yield return new SpecFinding("spec.kubernetes.podCidr",
                    $"podCidr {kubernetes.PodCidr} holds {blocks} per-node /{NodeBlockPrefix} block{(blocks == 1 ? string.Empty : "s")}, fewer than the {nodes} nodes; widen it");
            }
        }
    }
}
