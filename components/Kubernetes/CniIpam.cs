using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>Cilium's <c>ipam</c> values: the operator hands each node a block of the spec's pod network.</summary>
internal sealed record CniIpam
{
    [YamlMember(Alias = "mode")]
    public string Mode { get; init; } = string.Empty;

    [YamlMember(Alias = "operator")]
    public CniIpamOperator Operator { get; init; } = new();
}
