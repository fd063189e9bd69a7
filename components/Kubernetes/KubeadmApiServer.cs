using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>kubeadm v1beta4 <c>APIServer</c>: extra SANs for the API server's certificate and extra flags.</summary>
internal sealed record KubeadmApiServer
{
    [YamlMember(Alias = "certSANs")]
    public IReadOnlyList<string> CertSans { get; init; } = [];

    [YamlMember(Alias = "extraArgs")]
    public IReadOnlyList<KubeadmArg> ExtraArgs { get; init; } = [];
}
