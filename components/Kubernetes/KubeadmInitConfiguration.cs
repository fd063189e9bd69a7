using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>kubeadm v1beta4 <c>InitConfiguration</c> for the first control-plane node (no bootstrap tokens: those are secrets and never rendered to <c>out/</c>).</summary>
internal sealed record KubeadmInitConfiguration
{
    public const string KindName = "InitConfiguration";

    [YamlMember(Alias = "apiVersion", Order = -2)]
    public string ApiVersion { get; init; } = KubeadmConfigRenderer.ApiVersion;

    [YamlMember(Alias = "kind", Order = -1)]
    public string Kind { get; init; } = KindName;

    [YamlMember(Alias = "nodeRegistration")]
    public KubeadmNodeRegistration NodeRegistration { get; init; } = new();

    [YamlMember(Alias = "localAPIEndpoint")]
    public KubeadmApiEndpoint LocalApiEndpoint { get; init; } = new();

    [YamlMember(Alias = "skipPhases")]
    public IReadOnlyList<string> SkipPhases { get; init; } = [];
}
