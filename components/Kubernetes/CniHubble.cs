using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>Cilium's <c>hubble</c> values: flow visibility, with the relay that serves the whole cluster's flows.</summary>
internal sealed record CniHubble
{
    [YamlMember(Alias = "enabled")]
    public bool Enabled { get; init; }

    [YamlMember(Alias = "relay")]
    public CniSwitch Relay { get; init; } = new();

    [YamlMember(Alias = "ui")]
    public CniSwitch Ui { get; init; } = new();
}
