using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// Where the Kubernetes API is reached inside the cluster: the primary control plane's address on the
/// kubernetes-backend plane (wg3), port 6443. This build has no virtual IP or load balancer in front of the API
/// servers, so every consumer (Cilium's <c>k8sServiceHost</c>, kubeadm's <c>controlPlaneEndpoint</c>) asks here and
/// they cannot disagree.
/// </summary>
internal sealed record ControlPlaneEndpoint(string Host, int Port)
{
    public const int ApiServerPort = 6443;

    /// <summary>The endpoint of <paramref name="cluster"/>.</summary>
    /// <exception cref="InvalidOperationException">The cluster has no kubernetes-backend plane (validation refuses that when Kubernetes is enabled).</exception>
    public static ControlPlaneEndpoint Of(NormalisedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var plane = BackendPlane(cluster);
        return new ControlPlaneEndpoint(cluster.PrimaryControlPlane.PlaneAddresses[plane.Name].ToString(), ApiServerPort);
    }

    /// <summary>The plane Kubernetes and Cilium run on: the first whose purpose is <c>kubernetes-backend</c>.</summary>
    public static NormalisedPlane BackendPlane(NormalisedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return cluster.Planes.FirstOrDefault(p => p.Purpose == PlanePurpose.KubernetesBackend)
            ?? throw new InvalidOperationException($"cluster '{cluster.Name}' has no plane whose purpose is kubernetes-backend");
    }
}
