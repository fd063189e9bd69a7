using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>kubeadm v1beta4 <c>ClusterConfiguration</c>, the fields Kubedos sets (names as in kubeadm's <c>v1beta4/types.go</c>).</summary>
internal sealed record KubeadmClusterConfiguration
{
    public const string KindName = "ClusterConfiguration";

    [YamlMember(Alias = "apiVersion", Order = -2)]
    public string ApiVersion { get; init; } = KubeadmConfigRenderer.ApiVersion;

    [YamlMember(Alias = "kind", Order = -1)]
    public string Kind { get; init; } = KindName;

    [YamlMember(Alias = "clusterName")]
    public string ClusterName { get; init; } = string.Empty;

    [YamlMember(Alias = "kubernetesVersion")]
    public string KubernetesVersion { get; init; } = string.Empty;

    [YamlMember(Alias = "controlPlaneEndpoint")]
    public string ControlPlaneEndpoint { get; init; } = string.Empty;

    [YamlMember(Alias = "certificatesDir")]
    public string CertificatesDir { get; init; } = string.Empty;

    [YamlMember(Alias = "encryptionAlgorithm")]
    public string EncryptionAlgorithm { get; init; } = string.Empty;

    [YamlMember(Alias = "etcd")]
    public KubeadmEtcd Etcd { get; init; } = new();

    [YamlMember(Alias = "networking")]
    public KubeadmNetworking Networking { get; init; } = new();

    [YamlMember(Alias = "apiServer")]
    public KubeadmApiServer ApiServer { get; init; } = new();
}
