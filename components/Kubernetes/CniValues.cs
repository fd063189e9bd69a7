using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// The Helm values of the Cilium chart this build renders (chart 1.14 and later: <c>routingMode</c>/<c>tunnelProtocol</c>
/// replaced <c>tunnel</c>, <c>kubeProxyReplacement</c> became a boolean); only the keys it sets, each under the chart's name.
/// </summary>
internal sealed record CniValues
{
    /// <summary>The API server the agents reach before kube-proxy exists (there is none: Cilium replaces it).</summary>
    [YamlMember(Alias = "k8sServiceHost")]
    public string K8sServiceHost { get; init; } = string.Empty;

    [YamlMember(Alias = "k8sServicePort")]
    public int K8sServicePort { get; init; }

    [YamlMember(Alias = "kubeProxyReplacement")]
    public bool KubeProxyReplacement { get; init; }

    /// <summary>The devices Cilium attaches to: the kubernetes-backend plane's interface only.</summary>
    [YamlMember(Alias = "devices")]
    public List<string> Devices { get; init; } = [];

    [YamlMember(Alias = "nodePort")]
    public CniNodePort NodePort { get; init; } = new();

    /// <summary><c>tunnel</c>: pod traffic is encapsulated between node addresses on the plane (see the README for why not native).</summary>
    [YamlMember(Alias = "routingMode")]
    public string RoutingMode { get; init; } = string.Empty;

    [YamlMember(Alias = "tunnelProtocol")]
    public string TunnelProtocol { get; init; } = string.Empty;

    /// <summary>The plane device's MTU; Cilium subtracts the tunnel's overhead from it for pod routes.</summary>
    [YamlMember(Alias = "MTU")]
    public int Mtu { get; init; }

    [YamlMember(Alias = "ipam")]
    public CniIpam Ipam { get; init; } = new();

    [YamlMember(Alias = "policyEnforcementMode")]
    public string PolicyEnforcementMode { get; init; } = string.Empty;

    [YamlMember(Alias = "hubble")]
    public CniHubble Hubble { get; init; } = new();
}
