using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// kubeadm v1beta4 <c>Discovery</c>. Kubedos uses <c>file</c>, never <c>bootstrapToken</c>: the join token is a secret, and a
/// bootstrapToken discovery would put it in the rendered file; the discovery kubeconfig carries it on the node instead.
/// </summary>
internal sealed record KubeadmDiscovery
{
    [YamlMember(Alias = "file")]
    public KubeadmFileDiscovery? File { get; init; }
}
