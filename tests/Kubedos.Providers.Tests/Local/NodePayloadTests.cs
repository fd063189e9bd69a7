using System.Formats.Tar;
using System.Runtime.Versioning;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Providers.Local;
using Kubedos.Testing;

namespace Kubedos.Providers.Tests.Local;

/// <summary><c>local:lab:Payload</c>: host files shipped whole into a node, and the manifest that checks them.</summary>
public sealed class NodePayloadTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly string source = Directory.CreateTempSubdirectory("kubedos-payload-").FullName;

    public NodePayloadTests()
    {
        File.WriteAllText(Path.Combine(source, "agent.dll"), "agent v1\n");
        Directory.CreateDirectory(Path.Combine(source, "runtimes", "linux-x64", "native"));
        File.WriteAllText(Path.Combine(source, "runtimes", "linux-x64", "native", "libsodium.so"), "native\n");
    }

    private static IReadOnlyList<string> Files { get; } = ["runtimes/linux-x64/native/libsodium.so", "agent.dll"];

    [Fact]
    public async Task Manifest_IsWhatSha256sumChecks()
    {
        var payload = NodePayload.Read(source, Files);
        await File.WriteAllTextAsync(Path.Combine(source, NodePayload.ManifestFile), payload.Manifest);

        var check = await new HostCommandRunner().RunAsync(
            new HostCommand("sh", ["-c", $"cd '{source}' && sha256sum -c --strict {NodePayload.ManifestFile}"]), None);

        Assert.True(check.Succeeded, check.Stdout + check.Stderr);
        Assert.Equal(["agent.dll", "runtimes/linux-x64/native/libsodium.so"], payload.Files);
        Assert.Equal(64, payload.Digest.Length);
    }

    [Fact]
    public void Digest_ChangesWithAFilesContentButNotWithTheOrderGiven()
    {
        var before = NodePayload.Read(source, Files).Digest;
        var reordered = NodePayload.Read(source, Files.Reverse()).Digest;
        File.WriteAllText(Path.Combine(source, "agent.dll"), "agent v2\n");

        Assert.Equal(before, reordered);
        Assert.NotEqual(before, NodePayload.Read(source, Files).Digest);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b")]
    [InlineData("./agent.dll")]
    public void Read_PathLeavingTheSource_IsRefused(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => NodePayload.Read(source, [path]));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task Archive_HoldsEveryFileAndTheManifest_ExecutablesStayExecutable()
    {
        File.SetUnixFileMode(Path.Combine(source, "agent.dll"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var (payload, archive) = NodePayload.Pack(source, Files);

        var entries = new Dictionary<string, (UnixFileMode Mode, string Text)>(StringComparer.Ordinal);
        using (var reader = new TarReader(new MemoryStream(archive)))
        {
            while (await reader.GetNextEntryAsync() is { } entry)
            {
                entries[entry.Name] = (entry.Mode, await new StreamReader(entry.DataStream!).ReadToEndAsync());
            }
        }

        Assert.Equal([NodePayload.ManifestFile, "agent.dll", "runtimes/linux-x64/native/libsodium.so"], entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(payload.Manifest, entries[NodePayload.ManifestFile].Text);
        Assert.Equal(NodePayload.Read(source, Files).Digest, payload.Digest);
        Assert.True(entries["agent.dll"].Mode.HasFlag(UnixFileMode.OtherExecute));
        Assert.False(entries["runtimes/linux-x64/native/libsodium.so"].Mode.HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public async Task Check_BadInputs_NameTheField()
    {
        var package = LocalProvider.Create(new LocalLab(new FakeCommandRunner(_ => null), new LabOptions("/nonexistent"), TimeProvider.System));
        var urn = Urn.Create("lab-01", "kubedos", string.Empty, "local:lab:Payload", "agent");

        var check = await package.CheckAsync(
            new CheckRequest(urn, "local:lab:Payload", null, PropertyMapper.ToMap(new NodePayloadInputs("cp-1", "relative/dir", "also-relative", ["../x"], "not-a-digest"))), None);

        Assert.Equal(["digest", "directory", "files", "labOwner", "source"], check.Failures.Select(f => f.Property).Order(StringComparer.Ordinal));
    }

    [Collection(LabCollection.Name)]
    public sealed class OnALabNode : IDisposable
    {
        private readonly NodePayloadTests files = new();

        [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "tar", "sha256sum")]
        public async Task Payload_InstalledCheckedRepairedAndRemoved()
        {
            await using var lab = await LabScratch.CreateAsync();
            await lab.UnderlayAsync();
            var node = await lab.NodeAsync("n1", 1);
            var package = LocalProvider.Create(lab.Lab);
            var urn = Urn.Create(lab.Stack, "kubedos", string.Empty, "local:lab:Payload", "agent");
            var payload = NodePayload.Read(files.source, Files);
            var inputs = PropertyMapper.ToMap(new NodePayloadInputs("n1", "/var/lib/kubedos/agent", files.source, Files, payload.Digest, LabOwner: lab.Owner.Id));
            var checkedInputs = (await package.CheckAsync(new CheckRequest(urn, urn.Type, null, inputs), None)).Inputs;

            var created = await package.CreateAsync(new CreateRequest(urn, urn.Type, checkedInputs, Preview: false), None);

            // The node cannot see the host's /tmp, where the source is: only the installed copy is there.
            Assert.False((await node.ExecAsync(NodeInvocation.Of("test", "-e", Path.Combine(files.source, "agent.dll")), None)).Succeeded);
            Assert.Equal("agent v1\n", await node.ReadFileAsync("/var/lib/kubedos/agent/agent.dll", None));
            Assert.Equal("native\n", await node.ReadFileAsync("/var/lib/kubedos/agent/runtimes/linux-x64/native/libsodium.so", None));
            Assert.Equal(payload.Digest, created.Outputs["digest"].AsString());
            var read = await package.ReadAsync(new ReadRequest(urn, urn.Type, created.Id, checkedInputs, created.Outputs), None);
            Assert.Equal(payload.Digest, read.Outputs!["digest"].AsString());

            // Changed by hand on the node: read says so; an update puts the payload back.
            await node.WriteFileAsync("/var/lib/kubedos/agent/agent.dll", "tampered\n", "0644", None);
            read = await package.ReadAsync(new ReadRequest(urn, urn.Type, created.Id, checkedInputs, created.Outputs), None);
            Assert.Equal("modified", read.Outputs!["digest"].AsString());
            await package.UpdateAsync(new UpdateRequest(urn, urn.Type, created.Id, checkedInputs, created.Outputs, checkedInputs, Preview: false), None);
            Assert.Equal("agent v1\n", await node.ReadFileAsync("/var/lib/kubedos/agent/agent.dll", None));

            // A source that changed after the program read it is refused, and the node keeps what it had.
            await File.WriteAllTextAsync(Path.Combine(files.source, "agent.dll"), "agent v2\n");
            var error = await Assert.ThrowsAsync<ProviderException>(() =>
                package.UpdateAsync(new UpdateRequest(urn, urn.Type, created.Id, checkedInputs, created.Outputs, checkedInputs, Preview: false), None));
            Assert.Equal("digest", error.Property);
            Assert.Equal("agent v1\n", await node.ReadFileAsync("/var/lib/kubedos/agent/agent.dll", None));

            await package.DeleteAsync(new DeleteRequest(urn, urn.Type, created.Id, checkedInputs, created.Outputs), None);
            Assert.Null((await package.ReadAsync(new ReadRequest(urn, urn.Type, created.Id, checkedInputs, created.Outputs), None)).Id);
            Assert.False((await node.ExecAsync(NodeInvocation.Of("test", "-e", "/var/lib/kubedos/agent"), None)).Succeeded);
        }

        public void Dispose() => files.Dispose();
    }

    public void Dispose() => Directory.Delete(source, recursive: true);
}
