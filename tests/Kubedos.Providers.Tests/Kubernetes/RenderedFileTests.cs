using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Providers.Kubernetes;
using static Kubedos.Providers.Tests.Tls.ProviderCalls;

namespace Kubedos.Providers.Tests.Kubernetes;

public sealed class RenderedFileTests : IDisposable
{
    private const string Type = RenderedFile.TypeToken;
    private readonly string _directory = Directory.CreateTempSubdirectory("kubedos-render-").FullName;
    private readonly IResourceProvider _provider = KubernetesProvider.Create();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Create_WritesTheFileUnderItsFolder_OutputsItsSha256()
    {
        var created = await CreateAsync(_provider, Type, Inputs("1-manifest/v1-namespace-default-a.yaml", "kind: Namespace\n"));

        var path = Path.Combine(_directory, "1-manifest", "v1-namespace-default-a.yaml");
        Assert.Equal("kind: Namespace\n", await File.ReadAllTextAsync(path));
        Assert.Equal(path, Text(created.Outputs, "fullPath"));
        Assert.Equal(RenderedFileHandler.Hash("kind: Namespace\n"), Text(created.Outputs, "sha256"));
        Assert.Empty(Directory.EnumerateFiles(_directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("/etc/passwd.yaml")]
    [InlineData("../outside.yaml")]
    [InlineData("1-manifest/../../x.yaml")]
    [InlineData("1-manifest/a b.yaml")]
    [InlineData("1-manifest/notyaml.txt")]
    [InlineData("")]
    public async Task Check_PathOutsideTheDirectoryOrNotYaml_FailsNamingPath(string path)
    {
        var failures = await CheckFailuresAsync(_provider, Type, Inputs(path, "a: 1\n"));

        Assert.Contains(failures, f => f.Property == "path");
    }

    [Fact]
    public async Task Check_RelativeDirectory_FailsNamingDirectory()
    {
        var failures = await CheckFailuresAsync(_provider, Type, PropertyMap.Of(("directory", "out/kubernetes"), ("path", "a.yaml"), ("content", "a: 1\n")));

        Assert.Contains(failures, f => f.Property == "directory");
    }

    [Fact]
    public async Task Diff_SameContent_NoChange_ChangedContent_UpdateInPlace_OtherPath_Replace()
    {
        var created = await CreateAsync(_provider, Type, Inputs("a.yaml", "a: 1\n"));

        Assert.Equal(DiffChanges.None, (await DiffAsync(_provider, Type, created, Inputs("a.yaml", "a: 1\n"))).Changes);
        var changed = await DiffAsync(_provider, Type, created, Inputs("a.yaml", "a: 2\n"));
        Assert.Equal(DiffChanges.Some, changed.Changes);
        Assert.False(changed.RequiresReplace);
        Assert.Equal("path", Assert.Single((await DiffAsync(_provider, Type, created, Inputs("b.yaml", "a: 1\n"))).ReplaceKeys).Property);
    }

    [Fact]
    public async Task Refresh_HandEditedFile_RecordsItsHash_AndTheNextDiffRepairsIt()
    {
        var created = await CreateAsync(_provider, Type, Inputs("a.yaml", "a: 1\n"));
        var path = Path.Combine(_directory, "a.yaml");
        await File.WriteAllTextAsync(path, "a: edited\n");

        var read = await _provider.ReadAsync(new ReadRequest(UrnOf(Type, "r"), Type, created.Id, created.Inputs, created.Outputs), CancellationToken.None);
        Assert.Equal(RenderedFileHandler.Hash("a: edited\n"), read.Outputs["sha256"].AsString());

        var diff = await DiffAsync(_provider, Type, (created.Id, created.Inputs, read.Outputs), Inputs("a.yaml", "a: 1\n"));
        Assert.Equal(DiffChanges.Some, diff.Changes);
        Assert.False(diff.RequiresReplace);
        var updated = await _provider.UpdateAsync(
            new UpdateRequest(UrnOf(Type, "r"), Type, created.Id, created.Inputs, read.Outputs, created.Inputs, Preview: false), CancellationToken.None);
        Assert.Equal("a: 1\n", await File.ReadAllTextAsync(path));
        Assert.Equal(RenderedFileHandler.Hash("a: 1\n"), updated.Outputs["sha256"].AsString());
    }

    [Fact]
    public async Task Read_FileGone_ReportsGone()
    {
        var created = await CreateAsync(_provider, Type, Inputs("a.yaml", "a: 1\n"));
        File.Delete(Path.Combine(_directory, "a.yaml"));

        var read = await _provider.ReadAsync(new ReadRequest(UrnOf(Type, "r"), Type, created.Id, created.Inputs, created.Outputs), CancellationToken.None);

        Assert.Null(read.Id);
    }

    [Fact]
    public async Task Delete_LastFileOfAFolder_RemovesFileAndFolder_KeepsTheRenderDirectoryAndOtherFiles()
    {
        var first = await CreateAsync(_provider, Type, Inputs("1-manifest/a.yaml", "a: 1\n"));
        await CreateAsync(_provider, Type, Inputs("kustomization.yaml", "resources: []\n"), name: "k");

        await _provider.DeleteAsync(new DeleteRequest(UrnOf(Type, "r"), Type, first.Id, first.Inputs, first.Outputs), CancellationToken.None);

        Assert.False(Directory.Exists(Path.Combine(_directory, "1-manifest")));
        Assert.True(File.Exists(Path.Combine(_directory, "kustomization.yaml")));

        // Deleting again (the file already gone) succeeds, as a delete must.
        await _provider.DeleteAsync(new DeleteRequest(UrnOf(Type, "r"), Type, first.Id, first.Inputs, first.Outputs), CancellationToken.None);
    }

    [Fact]
    public async Task Delete_EverySiblingOfAFolderAtOnce_AllSucceedAndTheFolderIsGone()
    {
        // The engine deletes a folder's files in parallel; each delete may find the folder emptied or removed by
        // another between its look and its removal. Rounds make the interleaving likely (it failed within 1 s before the fix).
        for (var round = 0; round < 200; round++)
        {
            var files = new List<(string Id, PropertyMap Inputs, PropertyMap Outputs)>();
            for (var i = 0; i < 32; i++)
            {
                var created = await CreateAsync(_provider, Type, Inputs($"1-manifest/f{i}.yaml", "a: 1\n"), name: $"f{i}");
                files.Add((created.Id, created.Inputs, created.Outputs));
            }

            await Task.WhenAll(files.Select(f => Task.Run(() =>
                _provider.DeleteAsync(new DeleteRequest(UrnOf(Type, "r"), Type, f.Id, f.Inputs, f.Outputs), CancellationToken.None))));

            Assert.False(Directory.Exists(Path.Combine(_directory, "1-manifest")));
        }

        Assert.True(Directory.Exists(_directory));
    }

    [Fact]
    public async Task Preview_Create_WritesNothing()
    {
        var check = await _provider.CheckAsync(new CheckRequest(UrnOf(Type, "r"), Type, null, Inputs("a.yaml", "a: 1\n")), CancellationToken.None);

        var created = await _provider.CreateAsync(new CreateRequest(UrnOf(Type, "r"), Type, check.Inputs, Preview: true), CancellationToken.None);

        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
        Assert.True(created.Outputs["sha256"].IsUnknown);
    }

    private PropertyMap Inputs(string path, string content) =>
        PropertyMap.Of(("directory", _directory), ("path", path), ("content", content));
}
