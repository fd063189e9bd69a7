using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>kubeadm v1beta4 <c>NodeRegistrationOptions</c> (the fields Kubedos sets; <c>taints</c> is left to kubeadm's default).</summary>
internal sealed record KubeadmNodeRegistration
{
    [YamlMember(Alias = "name")]
    public string Name { get; init; } = string.Empty;

    [YamlMember(Alias = "criSocket")]
    public string CriSocket { get; init; } = string.Empty;

    [YamlMember(Alias = "kubeletExtraArgs")]
    public IReadOnlyList<KubeadmArg> KubeletExtraArgs { get; init; } = [];
}
