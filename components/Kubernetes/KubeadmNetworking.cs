using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>kubeadm v1beta4 <c>Networking</c>: the spec's service and pod CIDRs.</summary>
internal sealed record KubeadmNetworking
{
    [YamlMember(Alias = "serviceSubnet")]
    public string ServiceSubnet { get; init; } = string.Empty;

    [YamlMember(Alias = "podSubnet")]
    public string PodSubnet { get; init; } = string.Empty;

    [YamlMember(Alias = "dnsDomain")]
    public string DnsDomain { get; init; } = string.Empty;
}
