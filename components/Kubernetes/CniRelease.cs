using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// <c>cni/cilium-release.yaml</c>: which chart, at which pinned version, into which namespace, with which values file;
/// a Helm values file cannot carry its chart's version, so the pin travels beside it.
/// </summary>
internal sealed record CniRelease
{
    [YamlMember(Alias = "chart")]
    public string Chart { get; init; } = string.Empty;

    [YamlMember(Alias = "version")]
    public string Version { get; init; } = string.Empty;

    [YamlMember(Alias = "namespace")]
    public string Namespace { get; init; } = string.Empty;

    [YamlMember(Alias = "values")]
    public string Values { get; init; } = string.Empty;
}
