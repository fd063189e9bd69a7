using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// Renders Cilium's Helm values and its release pin from the normalised spec: bound to the kubernetes-backend
/// plane's device (wg3), kube-proxy replaced, pods tunnelled (VXLAN) between node addresses on that plane, the
/// spec's pod network cut into one block per node, Hubble and its relay on when the spec asks for Hubble.
/// </summary>
/// <remarks>
/// Tunnel, not native routing: native routing would need every wg3 peer's AllowedIPs to carry that node's pod
/// block, which the cluster-pool operator assigns only once the cluster runs, while the planes are set up long
/// before. Encapsulated traffic runs between wg3 addresses, which the planes already allow, so wg3 needs nothing
/// more. WireGuard already encrypts wg3, so Cilium's own encryption stays off.
/// </remarks>
internal static class CniValuesRenderer
{
    public const string ValuesPath = "cni/cilium-values.yaml";
    public const string ReleasePath = "cni/cilium-release.yaml";

    /// <summary>wireguard-go's and the kernel's default WireGuard MTU (the planes set no other).</summary>
    public const int PlaneMtu = 1420;

    /// <summary>Each node's pod block (a /24: 254 pods); validation refuses a pod network too small for one per node.</summary>
    public const int NodeBlockPrefix = 24;

    /// <summary>The values of <paramref name="cluster"/>.</summary>
    public static CniValues Values(NormalisedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var kubernetes = cluster.Kubernetes;
        var device = ControlPlaneEndpoint.BackendPlane(cluster).Name;
        var endpoint = ControlPlaneEndpoint.Of(cluster);
        return new CniValues
        {
            K8sServiceHost = endpoint.Host,
            K8sServicePort = endpoint.Port,
            KubeProxyReplacement = true,
            Devices = [device],
            NodePort = new CniNodePort { DirectRoutingDevice = device },
            RoutingMode = "tunnel",
            TunnelProtocol = "vxlan",
            Mtu = PlaneMtu,
            Ipam = new CniIpam
            {
                Mode = "cluster-pool",
                Operator = new CniIpamOperator { ClusterPoolIPv4PodCidrList = [kubernetes.PodCidr], ClusterPoolIPv4MaskSize = NodeBlockPrefix },
            },

            // The baseline's default-deny selects every pod of the namespaces it declares, so "default" enforces there.
            PolicyEnforcementMode = "default",
            Hubble = new CniHubble
            {
                Enabled = kubernetes.Cni.Hubble,
                Relay = new CniSwitch { Enabled = kubernetes.Cni.Hubble },
                Ui = new CniSwitch { Enabled = false },
            },
        };
    }

    /// <summary>The values file and the release pin beside it.</summary>
    /// <exception cref="InvalidOperationException">The spec pins no Cilium version (validation refuses that when Kubernetes is enabled).</exception>
    public static IReadOnlyList<ManifestFile> Render(NormalisedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var version = cluster.Kubernetes.Cni.Version
            ?? throw new InvalidOperationException("kubernetes.cni.version is not set; the Cilium chart must be pinned");
        return
        [
            ManifestWriter.Document(ValuesPath, Values(cluster)),
            ManifestWriter.Document(ReleasePath, new CniRelease
            {
                Chart = "cilium",
                Version = ChartVersion(version),
                Namespace = "kube-system",
                Values = Path.GetFileName(ValuesPath),
            }),
        ];
    }

    /// <summary>A chart version as Helm writes it: <c>v1.16.1</c> is <c>1.16.1</c>.</summary>
    public static string ChartVersion(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.StartsWith('v') ? version[1..] : version;
    }
}
