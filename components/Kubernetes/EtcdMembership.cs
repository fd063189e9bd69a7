using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// Who runs etcd: every control-plane node, in spec order, on the plane whose purpose is <c>kubernetes-backend</c>
/// (<c>wg3</c>). Validation holds <c>kubernetes.ha.controlPlaneReplicas</c> to the control-plane count and to an odd
/// number, so the member count is the quorum size the spec asked for.
/// </summary>
internal sealed record EtcdMembership(NormalisedPlane Plane, IReadOnlyList<EtcdMember> Members)
{
    /// <summary>How many members must agree: a majority.</summary>
    public int Quorum => (Members.Count / 2) + 1;

    /// <summary>The etcd membership of <paramref name="cluster"/>.</summary>
    /// <exception cref="InvalidOperationException">The cluster has no plane for etcd or no control-plane node (validation refuses both when Kubernetes is enabled).</exception>
    public static EtcdMembership Of(NormalisedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var plane = PlaneOf(cluster)
            ?? throw new InvalidOperationException("etcd needs a plane with purpose kubernetes-backend (wg3); validation refuses kubernetes.enabled without one");
        var metricsPlane = MetricsPlaneOf(cluster);
        var members = cluster.Nodes.Where(n => n.Role == NodeRole.ControlPlane)
            .Select(n => new EtcdMember(n.Name, n.PlaneAddresses[plane.Name], metricsPlane is null ? null : n.PlaneAddresses[metricsPlane]))
            .ToList();
        if (members.Count == 0)
        {
            throw new InvalidOperationException("etcd needs at least one control-plane node");
        }

        return new EtcdMembership(plane, members);
    }

    /// <summary>The plane etcd listens on: <c>wg3</c> when it is the kubernetes-backend plane, else the first plane with that purpose.</summary>
    public static NormalisedPlane? PlaneOf(NormalisedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var backends = cluster.Planes.Where(p => p.Purpose == PlanePurpose.KubernetesBackend).ToList();
        return backends.FirstOrDefault(p => p.Name == "wg3") ?? backends.FirstOrDefault();
    }

    /// <summary>The plane etcd serves <c>/metrics</c> on: observability's bind plane when observability is on and that plane exists, else none.</summary>
    public static string? MetricsPlaneOf(NormalisedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var observability = cluster.Kubernetes.Observability;
        return observability.Enabled && cluster.Planes.Any(p => p.Name == observability.BindPlane) ? observability.BindPlane : null;
    }

    /// <summary>etcd's <c>--initial-cluster</c>: <c>name=peerURL</c> for every member, comma-separated.</summary>
    public string InitialCluster => string.Join(',', Members.Select(m => $"{m.Name}={m.PeerUrl}"));

    /// <summary>Every member's client URL, in spec order.</summary>
    public IReadOnlyList<string> ClientUrls => [.. Members.Select(m => m.ClientUrl)];

    /// <summary>The member on <paramref name="node"/>, or null for a node that runs none.</summary>
    public EtcdMember? MemberOn(string node) => Members.FirstOrDefault(m => m.Name == node);
}
