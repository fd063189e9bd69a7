using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>kubeadm v1beta4 <c>JoinControlPlane</c>: the API server a joining control-plane node runs.</summary>
internal sealed record KubeadmJoinControlPlane
{
    [YamlMember(Alias = "localAPIEndpoint")]
    public KubeadmApiEndpoint LocalApiEndpoint { get; init; } = new();
}
