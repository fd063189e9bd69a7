using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Observability;

/// <summary>
/// What the observability stack is made of, from the normalised spec: the bind plane, every node on it, the
/// node(s) that run Prometheus, Alertmanager and the log collector (the hubs), and the etcd members to scrape.
/// </summary>
/// <param name="Cluster">The cluster name (Prometheus's <c>cluster</c> external label).</param>
/// <param name="BindPlane">The plane everything binds to (<c>kubernetes.observability.bindPlane</c>, wg2 by default).</param>
/// <param name="Nodes">Every node, in spec order: each runs a node exporter and a log forwarder.</param>
/// <param name="Hubs">The observability nodes (<c>kubernetes.observability.nodes</c>, default the first control plane).</param>
/// <param name="EtcdMembers">The etcd members Prometheus scrapes (empty: no etcd job).</param>
/// <param name="Stack">Which parts run or are rendered (<c>kubernetes.observability.stack</c>).</param>
internal sealed record ObservabilityTopology(
    string Cluster,
    string BindPlane,
    IReadOnlyList<ObservedNode> Nodes,
    IReadOnlyList<ObservedNode> Hubs,
    IReadOnlyList<ObservedNode> EtcdMembers,
    ObservabilityStack Stack)
{
    /// <summary>The topology of <paramref name="cluster"/>; etcd members are the control-plane nodes when Kubernetes is enabled (the contract's <c>etcd</c> group).</summary>
    public static ObservabilityTopology Of(NormalisedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var observability = cluster.Kubernetes.Observability;
        var plane = observability.BindPlane;
        ObservedNode Observe(NormalisedNode n) =>
            new(n.Name, n.Role == NodeRole.ControlPlane ? "control-plane" : "worker", n.PlaneAddresses[plane].ToString());
        var etcd = cluster.Kubernetes.Enabled ? cluster.Nodes.Where(n => n.Role == NodeRole.ControlPlane) : [];
        return new ObservabilityTopology(
            cluster.Name,
            plane,
            [.. cluster.Nodes.Select(Observe)],
            [.. cluster.ObservabilityNodes.Select(Observe)],
            [.. etcd.Select(Observe)],
            observability.Stack);
    }

    /// <summary>etcd's quorum: a majority of its members.</summary>
    public int EtcdQuorum => (EtcdMembers.Count / 2) + 1;

    public bool IsHub(string node) => Hubs.Any(h => h.Name == node);
}
