using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>A chart section that is only switched on or off (<c>hubble.relay</c>, <c>hubble.ui</c>).</summary>
internal sealed record CniSwitch
{
    [YamlMember(Alias = "enabled")]
    public bool Enabled { get; init; }
}
