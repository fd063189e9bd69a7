using Kubedos.Components.Kubernetes;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Providers;
using Kubedos.Providers.Kubernetes;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Infra.Tests.Components.Kubernetes;

/// <summary>
/// The stage through the engine's automation API with the real <c>kubernetes</c> provider: up renders, a no-op up writes
/// nothing, preview writes nothing, a changed spec rewrites only what changed, refresh finds a hand edit and up
/// restores it, destroy removes what the stage wrote.
/// </summary>
public sealed class KubernetesReferenceUpTests : IDisposable
{
    private readonly string _project = Directory.CreateTempSubdirectory("kubedos-k8s-render-").FullName;
    private NormalisedCluster _cluster = ReferenceSpecs.Lab01();

    public void Dispose() => Directory.Delete(_project, recursive: true);

    private string OutDirectory => Path.Combine(_project, "out", "lab-01");

    private string RenderDirectory => Path.Combine(OutDirectory, KubernetesReference.Folder);

    private KubernetesReferenceArgs Args => new() { Cluster = _cluster, OutDirectory = OutDirectory };

    [Fact]
    public async Task Up_WritesEveryRenderedFile_AndTheDigestOfThem()
    {
        var stack = await StackAsync();

        var result = await stack.UpAsync();

        var files = KubernetesReference.Render(Args);
        Assert.Equal(files.Count + 2, result.Summary.Count("create")); // and the stack and the component
        Assert.All(files, f => Assert.Equal(f.Content, File.ReadAllText(Path.Combine(RenderDirectory, f.Path))));
        Assert.Equal(
            files.Select(f => f.Path).Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(RenderDirectory, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(RenderDirectory, p)).Order(StringComparer.Ordinal));
        Assert.Equal(ManifestDirectory.DigestOf(files), result.Outputs["digest"].Value.AsString());
    }

    [Fact]
    public async Task Up_Again_ChangesNothing_AndTouchesNoFile()
    {
        var stack = await StackAsync();
        await stack.UpAsync();
        var written = Directory.EnumerateFiles(RenderDirectory, "*", SearchOption.AllDirectories).ToDictionary(p => p, File.GetLastWriteTimeUtc);
        await Task.Delay(20);

        var again = await stack.UpAsync();

        Assert.False(again.Summary.HasChanges);
        Assert.All(written, w => Assert.Equal(w.Value, File.GetLastWriteTimeUtc(w.Key)));
    }

    [Fact]
    public async Task Preview_WritesNothing()
    {
        var stack = await StackAsync();

        var preview = await stack.PreviewAsync();

        Assert.True(preview.Summary.Count("create") > 0);
        Assert.False(Directory.Exists(RenderDirectory));
    }

    [Fact]
    public async Task Up_AfterASpecChange_UpdatesOnlyTheFilesItChanges()
    {
        var stack = await StackAsync();
        await stack.UpAsync();
        var before = KubernetesReference.Render(Args);

        _cluster = ReferenceSpecs.Lab01("    cni: {", "    podCidr: 10.200.0.0/16\n    cni: {");
        var result = await stack.UpAsync();

        var after = KubernetesReference.Render(Args);
        Assert.Equal(before.Zip(after).Count(p => p.First != p.Second), result.Summary.Count("update"));
        Assert.Equal(2, result.Summary.Count("update"));
        Assert.Contains("10.200.0.0/16", File.ReadAllText(Path.Combine(RenderDirectory, CniValuesRenderer.ValuesPath)), StringComparison.Ordinal);
        Assert.Equal(ManifestDirectory.DigestOf(after), result.Outputs["digest"].Value.AsString());
    }

    [Fact]
    public async Task Refresh_FindsAHandEdit_AndUpRestoresIt()
    {
        var stack = await StackAsync();
        await stack.UpAsync();
        var values = Path.Combine(RenderDirectory, CniValuesRenderer.ValuesPath);
        var rendered = File.ReadAllText(values);
        File.WriteAllText(values, rendered.Replace("routingMode: tunnel", "routingMode: native", StringComparison.Ordinal));

        var refresh = await stack.RefreshAsync();
        var up = await stack.UpAsync();

        Assert.Equal(1, refresh.Summary.Count("update"));
        Assert.Equal(1, up.Summary.Count("update"));
        Assert.Equal(rendered, File.ReadAllText(values));
    }

    [Fact]
    public async Task Destroy_RemovesWhatTheStageWrote_AndNothingElse()
    {
        var stack = await StackAsync();
        await stack.UpAsync();
        var foreign = Path.Combine(RenderDirectory, "kubeadm", "cp-1.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(foreign)!);
        File.WriteAllText(foreign, "kind: InitConfiguration\n");

        await stack.DestroyAsync();

        Assert.Equal([foreign], Directory.EnumerateFiles(RenderDirectory, "*", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(Path.Combine(RenderDirectory, ManifestWriter.ManifestFolder)));
    }

    private async Task<WorkspaceStack> StackAsync()
    {
        var workspace = Workspace.Create(new WorkspaceOptions
        {
            ProjectName = "kubedos",
            WorkDir = _project,
            Providers = ProviderRegistry.Of(KubernetesProvider.Create()),
            Program = StackProgram.Create(_ =>
            {
                var reference = new KubernetesReference("kubernetes", Args);
                return new Dictionary<string, object?> { ["digest"] = reference.Digest };
            }),
            Environment = _ => null,
        });
        return await workspace.CreateOrSelectStackAsync("lab-01");
    }
}
