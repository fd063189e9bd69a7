using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>kubeadm v1beta4 <c>Arg</c>: one flag as name and value (v1beta4 replaced v1beta3's map with this list).</summary>
internal sealed record KubeadmArg
{
    [YamlMember(Alias = "name")]
    public string Name { get; init; } = string.Empty;

    [YamlMember(Alias = "value")]
    public string Value { get; init; } = string.Empty;
}
