using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>kubeadm v1beta4 <c>FileDiscovery</c>: a kubeconfig on the node holding the cluster CA and the node's join token.</summary>
internal sealed record KubeadmFileDiscovery
{
    [YamlMember(Alias = "kubeConfigPath")]
    public string KubeConfigPath { get; init; } = string.Empty;
}
