using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>Cilium's <c>nodePort</c> values: the device node-to-node service traffic uses.</summary>
internal sealed record CniNodePort
{
    [YamlMember(Alias = "directRoutingDevice")]
    public string DirectRoutingDevice { get; init; } = string.Empty;
}
