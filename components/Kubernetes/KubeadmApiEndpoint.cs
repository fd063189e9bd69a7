using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>kubeadm v1beta4 <c>APIEndpoint</c>: the address this node's API server advertises and its port.</summary>
internal sealed record KubeadmApiEndpoint
{
    [YamlMember(Alias = "advertiseAddress")]
    public string AdvertiseAddress { get; init; } = string.Empty;

    [YamlMember(Alias = "bindPort")]
    public int BindPort { get; init; }
}
