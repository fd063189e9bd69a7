using Kubedos.Engine.Model;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// Stage 6 (<c>kubedos:components:KubernetesReference</c>), its rendered half: Cilium's Helm values and release pin
/// and the TK8S baseline manifests, written to <c>out/&lt;stack&gt;/kubernetes/</c> as Pulumi.Kubernetes's
/// <c>renderYamlToDirectory</c> writes them, with a <c>kustomization.yaml</c> that applies them in order.
/// </summary>
/// <remarks>
/// Nothing here runs: this machine can obtain no kube-apiserver, kubelet, Cilium or Hubble (components/Kubernetes/README.md).
/// Every file is a <c>kubernetes:yaml:RenderedFile</c>, so <see cref="Digest"/> changes with the spec, a no-op <c>up</c>
/// writes nothing, <c>preview</c> writes nothing, and a file edited by hand is found by <c>refresh</c> and restored by <c>up</c>.
/// </remarks>
internal sealed class KubernetesReference : ComponentResource
{
    public const string TypeToken = "kubedos:components:KubernetesReference";

    /// <summary>The folder under the stack's files that the stage renders into.</summary>
    public const string Folder = "kubernetes";

    public KubernetesReference(string name, KubernetesReferenceArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        Directory = Path.GetFullPath(Path.Combine(args.OutDirectory, Folder));
        var files = Render(args);

        var written = new ManifestDirectory(Directory, files, StageOptions.ForChildren(this, options));
        Files = [.. files.Select(f => f.Path)];
        Digest = written.Digest;
        RegisterOutputs(new Dictionary<string, object?> { ["digest"] = Digest });
    }

    /// <summary>The render directory (absolute).</summary>
    public string Directory { get; }

    /// <summary>Every rendered file, relative to <see cref="Directory"/>.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The digest of the rendered set (<see cref="ManifestDirectory.DigestOf(IEnumerable{ManifestFile})"/>).</summary>
    public Output<string> Digest { get; }

    /// <summary>Every file the stage renders for <paramref name="args"/>: Cilium, the baseline, and the kustomization over the manifests.</summary>
    public static IReadOnlyList<ManifestFile> Render(KubernetesReferenceArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        IReadOnlyList<ManifestFile> files = [.. CniValuesRenderer.Render(args.Cluster), .. BaselineManifests.Render(args.Cluster)];
        return [.. files, ManifestKustomization.For(files)];
    }
}
