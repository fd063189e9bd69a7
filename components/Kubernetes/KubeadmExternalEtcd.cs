using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>kubeadm v1beta4 <c>ExternalEtcd</c>: the members' client URLs and the API server's client certificate paths.</summary>
internal sealed record KubeadmExternalEtcd
{
    [YamlMember(Alias = "endpoints")]
    public IReadOnlyList<string> Endpoints { get; init; } = [];

    [YamlMember(Alias = "caFile")]
    public string CaFile { get; init; } = string.Empty;

    [YamlMember(Alias = "certFile")]
    public string CertFile { get; init; } = string.Empty;

    [YamlMember(Alias = "keyFile")]
    public string KeyFile { get; init; } = string.Empty;
}
