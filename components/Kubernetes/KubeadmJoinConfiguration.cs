using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>kubeadm v1beta4 <c>JoinConfiguration</c>: every node but the first control plane (control planes with <c>controlPlane</c> set).</summary>
internal sealed record KubeadmJoinConfiguration
{
    public const string KindName = "JoinConfiguration";

    [YamlMember(Alias = "apiVersion", Order = -2)]
    public string ApiVersion { get; init; } = KubeadmConfigRenderer.ApiVersion;

    [YamlMember(Alias = "kind", Order = -1)]
    public string Kind { get; init; } = KindName;

    [YamlMember(Alias = "nodeRegistration")]
    public KubeadmNodeRegistration NodeRegistration { get; init; } = new();

    [YamlMember(Alias = "caCertPath")]
    public string CaCertPath { get; init; } = string.Empty;

    [YamlMember(Alias = "discovery")]
    public KubeadmDiscovery Discovery { get; init; } = new();

    [YamlMember(Alias = "controlPlane")]
    public KubeadmJoinControlPlane? ControlPlane { get; init; }
}
