using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation;

/// <summary>
/// Which of the cluster's own networks must stay clear of the planes: validate
/// (<c>cluster-network-disjoint</c>) and the policy pack's facts (<c>plane-cidr-disjoint</c>) both take
/// them from here, so a spec one accepts the other cannot reject.
/// </summary>
internal static class ClusterNetworks
{
    /// <summary>
    /// The pod and service networks, by spec path, when the cluster has them: only with Kubernetes
    /// enabled (a default pod network of a cluster without Kubernetes takes no addresses).
    /// </summary>
    public static IReadOnlyList<(string Label, string Path, string Cidr)> Kubernetes(ClusterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Kubernetes.Enabled
            ?
            [
                ("pod network", "spec.kubernetes.podCidr", spec.Kubernetes.PodCidr),
                ("service network", "spec.kubernetes.serviceCidr", spec.Kubernetes.ServiceCidr),
            ]
            : [];
    }
}
