using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>kubeadm v1beta4 <c>Etcd</c>: Kubedos always gives <c>external</c> (the members run under runit, not as kubeadm's static pods).</summary>
internal sealed record KubeadmEtcd
{
    [YamlMember(Alias = "external")]
    public KubeadmExternalEtcd? External { get; init; }
}
