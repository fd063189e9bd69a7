using Kubedos.Spec.Model;

namespace Kubedos.Spec.Normalisation;

/// <summary>
/// The validated spec with everything derived made explicit: plane networks parsed, every node's
/// plane addresses, plane listen ports. Later stages read this, never the raw YAML.
/// </summary>
internal sealed record NormalisedCluster(
    string Name,
    ClusterDocument Document,
    IReadOnlyList<NormalisedPlane> Planes,
    IReadOnlyList<NormalisedNode> Nodes)
{
    public NormalisedNode Node(string name) => Nodes.Single(n => n.Name == name);

    public NormalisedPlane Plane(string name) => Planes.Single(p => p.Name == name);

    /// <summary>
    /// The plane SSH, the enrollment service and the engine use to reach nodes: <c>wg1</c>, else the first plane whose
    /// purpose is control, else the first plane. Every stage asks here, so they cannot disagree.
    /// </summary>
    public NormalisedPlane ControlPlane =>
        Planes.FirstOrDefault(p => p.Name == "wg1") ?? Planes.FirstOrDefault(p => p.Purpose == PlanePurpose.Control) ?? Planes[0];

    /// <summary>
    /// The nodes that run Prometheus, Alertmanager and the log collector: <c>kubernetes.observability.nodes</c>, in spec order,
    /// else the first control-plane node of the inventory (validation's <c>observability-nodes</c> holds a spec to having one).
    /// </summary>
    public IReadOnlyList<NormalisedNode> ObservabilityNodes
    {
        get
        {
            var named = Document.Spec.Kubernetes.Observability.Nodes;
            return named.Count > 0
                ? [.. named.Select(Node)]
                : [.. Nodes.Where(n => n.Role == NodeRole.ControlPlane).Take(1)];
        }
    }
}
