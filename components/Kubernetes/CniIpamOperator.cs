using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>Cilium's <c>ipam.operator</c> values for the cluster-pool mode.</summary>
internal sealed record CniIpamOperator
{
    [YamlMember(Alias = "clusterPoolIPv4PodCIDRList")]
    public List<string> ClusterPoolIPv4PodCidrList { get; init; } = [];

    [YamlMember(Alias = "clusterPoolIPv4MaskSize")]
    public int ClusterPoolIPv4MaskSize { get; init; }
}
