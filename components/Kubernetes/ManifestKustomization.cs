using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// <c>kustomization.yaml</c> at the top of the render directory: every rendered Kubernetes object in apply order
/// (namespaces first, admission policies before their bindings), so <c>kubectl apply -k out/&lt;stack&gt;/kubernetes</c>
/// applies the lot in one go; Pulumi's file names alone sort a NetworkPolicy before its Namespace.
/// </summary>
internal sealed record ManifestKustomization
{
    public const string FileName = "kustomization.yaml";

    // Kinds that others need to exist first; everything else keeps its path order after them.
    private static readonly string[] FirstKinds = ["CustomResourceDefinition", "Namespace", "ServiceAccount", "ValidatingAdmissionPolicy"];

    [YamlMember(Alias = "apiVersion")]
    public string ApiVersion { get; init; } = "kustomize.config.k8s.io/v1beta1";

    [YamlMember(Alias = "kind")]
    public string Kind { get; init; } = "Kustomization";

    [YamlMember(Alias = "resources")]
    public List<string> Resources { get; init; } = [];

    /// <summary>The kustomization listing every file of <paramref name="files"/> that holds a Kubernetes object.</summary>
    public static ManifestFile For(IEnumerable<ManifestFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var ordered = files
            .Where(f => f.Kind is not null)
            .OrderBy(f => Array.IndexOf(FirstKinds, f.Kind) is var rank and >= 0 ? rank : FirstKinds.Length)
            .ThenBy(f => f.Path, StringComparer.Ordinal)
            .Select(f => f.Path);
        return ManifestWriter.Document(FileName, new ManifestKustomization { Resources = [.. ordered] });
    }
}
