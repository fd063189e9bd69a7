using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Providers.Local;
using Kubedos.Testing;

namespace Kubedos.Providers.Tests.Local;

public sealed class LocalProviderTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public void Create_Package_ServesTheLabTypes()
    {
        var package = LocalProvider.Create(new LocalLab(new FakeCommandRunner(_ => null), new LabOptions("/nonexistent"), TimeProvider.System));

        Assert.Equal("local", package.Package);
        Assert.Equal(
            ["local:lab:Command", "local:lab:Disk", "local:lab:Endpoint", "local:lab:File", "local:lab:Node", "local:lab:OperatorWireGuard", "local:lab:Payload", "local:lab:Process", "local:lab:Underlay", "local:lab:WireGuardInterface"],
            package.Types.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CheckAsync_NodeAddressOutsideUnderlay_FailsOnAddress()
    {
        var package = FakePackage();

        var response = await package.CheckAsync(
            new CheckRequest(UrnOf("lab-01", "local:lab:Node", "cp-1"), "local:lab:Node", null,
                PropertyMapper.ToMap(new NodeInputs("cp-1", "10.9.9.9", "10.250.7.0/24", LabOwner: "state-owner-1"))),
            None);

        Assert.Equal("address", Assert.Single(response.Failures).Property);
    }

    [Theory]
    [InlineData("010.250.7.11", "10.250.7.0/24", "address")]
    [InlineData("10.250.7.11", "10.250.007.0/24", "underlayCidr")]
    public async Task CheckAsync_NonCanonicalNodeAddressing_FailsOnThatInput(string address, string underlay, string property)
    {
        var response = await FakePackage().CheckAsync(
            new CheckRequest(UrnOf("lab-01", "local:lab:Node", "cp-1"), "local:lab:Node", null,
                PropertyMapper.ToMap(new NodeInputs("cp-1", address, underlay, LabOwner: "state-owner-1"))),
            None);

        Assert.Equal(property, Assert.Single(response.Failures).Property);
    }

    [Theory]
    [InlineData("/srv/out/rootfs.tar", null, "rootfsSha256")]
    [InlineData(null, "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", "rootfsSha256")]
    [InlineData("/srv/out/rootfs.tar", "DDDD", "rootfsSha256")]
    [InlineData("out/rootfs.tar", "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", "rootfsTarball")]
    public async Task CheckAsync_NodeImageHalfGivenOrMalformed_FailsOnThatInput(string? tarball, string? sha256, string property)
    {
        var response = await FakePackage().CheckAsync(
            new CheckRequest(UrnOf("lab-01", "local:lab:Node", "cp-1"), "local:lab:Node", null,
                PropertyMapper.ToMap(new NodeInputs("cp-1", "10.250.7.11", "10.250.7.0/24", LabOwner: "state-owner-1", RootfsTarball: tarball, RootfsSha256: sha256))),
            None);

        Assert.Equal(property, Assert.Single(response.Failures).Property);
    }

    [Fact]
    public async Task DiffAsync_AnotherNodeImage_ReplacesTheNode()
    {
        var urn = UrnOf("lab-01", "local:lab:Node", "cp-1");
        var before = new NodeInputs("cp-1", "10.250.7.11", "10.250.7.0/24", LabOwner: "state-owner-1", RootfsTarball: "/srv/a.tar", RootfsSha256: new string('a', 64));
        var after = before with { RootfsTarball = "/srv/b.tar", RootfsSha256 = new string('b', 64) };
        var moved = before with { RootfsTarball = "/elsewhere/a.tar" };
        var outputs = PropertyMapper.ToMap(new NodeOutputs("lab-01", "cp-1", "cp-1", "kd.lab-01.cp-1", "10.250.7.11", "10.250.7.0/24", "eth0", "/var/lib/kubedos/lab/lab-01/cp-1", 1));

        var replaced = await FakePackage().DiffAsync(new DiffRequest(urn, "local:lab:Node", "kd.lab-01.cp-1", PropertyMapper.ToMap(before), outputs, PropertyMapper.ToMap(after)), None);
        var relocated = await FakePackage().DiffAsync(new DiffRequest(urn, "local:lab:Node", "kd.lab-01.cp-1", PropertyMapper.ToMap(before), outputs, PropertyMapper.ToMap(moved)), None);

        Assert.Contains("rootfsSha256", replaced.ReplaceKeys.Select(k => k.Property));
        Assert.False(relocated.RequiresReplace);
        Assert.Contains("rootfsTarball", relocated.ChangedKeys);
    }

    [Fact]
    public async Task CheckAsync_FallbackInLoopbackRange_FailsOnThatFallback()
    {
        var response = await FakePackage().CheckAsync(
            new CheckRequest(UrnOf("lab-01", "local:lab:Underlay", "underlay"), "local:lab:Underlay", null,
                PropertyMapper.ToMap(new UnderlayInputs("10.250.7.0/24", FallbackCidrs: ["10.101.0.0/24", "127.0.0.0/8"], LabOwner: "state-owner-1", LabOwnerProject: "/work/project"))),
            None);

        var failure = Assert.Single(response.Failures);
        Assert.Equal("fallbackCidrs[1]", failure.Property);
        Assert.Contains("loopback range 127.0.0.0/8", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_OperatorAddressForNode_FailsOnAddress()
    {
        var response = await FakePackage().CheckAsync(
            new CheckRequest(UrnOf("lab-01", "local:lab:Node", "cp-1"), "local:lab:Node", null,
                PropertyMapper.ToMap(new NodeInputs("cp-1", "10.250.7.254", "10.250.7.0/24", LabOwner: "state-owner-1"))),
            None);

        Assert.Contains("operator", Assert.Single(response.Failures).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.250.7.0/33", "cidr")]
    [InlineData("fd00::/64", "cidr")]
    [InlineData("010.250.7.0/24", "cidr")]
    [InlineData("127.0.0.0/24", "cidr")]
    public async Task CheckAsync_BadUnderlayCidr_FailsOnCidr(string cidr, string property)
    {
        var response = await FakePackage().CheckAsync(
            new CheckRequest(UrnOf("lab-01", "local:lab:Underlay", "underlay"), "local:lab:Underlay", null,
                PropertyMapper.ToMap(new UnderlayInputs(cidr, LabOwner: "state-owner-1", LabOwnerProject: "/work/project"))),
            None);

        Assert.Equal(property, Assert.Single(response.Failures).Property);
    }

    [Fact]
    public async Task CheckAsync_RelativeFilePathAndBadMode_FailOnEach()
    {
        var response = await FakePackage().CheckAsync(
            new CheckRequest(UrnOf("lab-01", "local:lab:File", "f"), "local:lab:File", null,
                PropertyMapper.ToMap(new NodeFileInputs("cp-1", "etc/x", "text", "rw", LabOwner: "state-owner-1"))),
            None);

        Assert.Equal(["mode", "path"], response.Failures.Select(f => f.Property).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DiffAsync_NodeRenamed_ReplacesDeletingFirst()
    {
        var urn = UrnOf("lab-01", "local:lab:Node", "cp-1");
        var diff = await FakePackage().DiffAsync(
            new DiffRequest(urn, "local:lab:Node", "kd.lab-01.cp-1",
                PropertyMapper.ToMap(new NodeInputs("cp-1", "10.250.7.1", "10.250.7.0/24")),
                PropertyMap.Empty,
                PropertyMapper.ToMap(new NodeInputs("cp-2", "10.250.7.1", "10.250.7.0/24"))),
            None);

        Assert.True(diff.RequiresReplace);
        Assert.True(diff.DeleteBeforeReplace);
        Assert.Equal("name", Assert.Single(diff.ReplaceKeys).Property);
    }

    [Fact]
    public async Task DiffAsync_ServiceUnchanged_StillDeletesFirstWhenReplaced()
    {
        // `up --replace` forces a replacement on an unchanged service; the new one binds the same port, so the old goes first.
        var inputs = PropertyMapper.ToMap(new NodeProcessInputs("cp-1", "enrollment", ["kubedos-agent", "serve"], LabOwner: "state-owner-1"));
        var diff = await FakePackage().DiffAsync(
            new DiffRequest(UrnOf("lab-01", "local:lab:Process", "cp-1-enrollment"), "local:lab:Process", "cp-1/enrollment", inputs, PropertyMap.Empty, inputs),
            None);

        Assert.Equal(DiffChanges.None, diff.Changes);
        Assert.True(diff.DeleteBeforeReplace);
    }

    [Fact]
    public async Task DiffAsync_NodeAddressChanged_UpdatesInPlace()
    {
        var diff = await FakePackage().DiffAsync(
            new DiffRequest(UrnOf("lab-01", "local:lab:Node", "cp-1"), "local:lab:Node", "kd.lab-01.cp-1",
                PropertyMapper.ToMap(new NodeInputs("cp-1", "10.250.7.1", "10.250.7.0/24")),
                PropertyMap.Empty,
                PropertyMapper.ToMap(new NodeInputs("cp-1", "10.250.7.2", "10.250.7.0/24"))),
            None);

        Assert.Equal(DiffChanges.Some, diff.Changes);
        Assert.False(diff.RequiresReplace);
    }

    [Collection(LabCollection.Name)]
    public sealed class OnTheHost
    {
        [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "nc")]
        public async Task Resources_UpAgainAndDown_AdoptThenLeaveNothing()
        {
            await using var lab = await LabScratch.CreateAsync();
            lab.Track("n1");
            var package = LocalProvider.Create(lab.Lab);
            var underlayUrn = UrnOf(lab.Stack, "local:lab:Underlay", "underlay");

            var underlayInputs = PropertyMapper.ToMap(new UnderlayInputs(FallbackCidrs: ["10.63.0.0/24"], LabOwner: lab.Owner.Id, LabOwnerProject: lab.Owner.Project));
            var underlay = await CreateAsync(package, underlayUrn, underlayInputs);
            var cidr = underlay.Outputs["cidr"].AsString();
            var nodeInputs = PropertyMapper.ToMap(new NodeInputs("n1", cidr.Replace(".0/24", ".1", StringComparison.Ordinal), cidr, LabOwner: lab.Owner.Id));
            var nodeUrn = UrnOf(lab.Stack, "local:lab:Node", "n1");
            var node = await CreateAsync(package, nodeUrn, nodeInputs);
            var again = await CreateAsync(package, nodeUrn, nodeInputs);
            var fileUrn = UrnOf(lab.Stack, "local:lab:File", "motd");
            var fileInputs = PropertyMapper.ToMap(new NodeFileInputs("n1", "/etc/kubedos/motd", "hello\n", "0600", LabOwner: lab.Owner.Id));
            var file = await CreateAsync(package, fileUrn, fileInputs);
            var commandUrn = UrnOf(lab.Stack, "local:lab:Command", "read-motd");
            var command = await CreateAsync(package, commandUrn, PropertyMapper.ToMap(new NodeCommandInputs("n1", ["cat", "/etc/kubedos/motd"], LabOwner: lab.Owner.Id)));
            var processUrn = UrnOf(lab.Stack, "local:lab:Process", "listener");
            var processInputs = PropertyMapper.ToMap(new NodeProcessInputs("n1", "listener", ["nc", "-lk", "7000"], LabOwner: lab.Owner.Id));
            var process = await CreateAsync(package, processUrn, processInputs);
            var pid = (int)process.Outputs["pid"].AsNumber();

            Assert.Equal(node.Id, again.Id);
            Assert.Equal(node.Outputs, again.Outputs);
            Assert.Equal("hello\n", command.Outputs["stdout"].AsString());
            Assert.NotNull((await package.ReadAsync(new ReadRequest(fileUrn, "local:lab:File", file.Id, fileInputs, file.Outputs), None)).Id);
            Assert.NotNull(ProcessIdentity.Read(pid));
            var reach = await lab.Lab.FindNodeAsync(lab.Stack, "n1", None);
            Assert.True((await reach!.ExecAsync(NodeInvocation.Of("nc", "-z", "-w", "2", "127.0.0.1", "7000"), None)).Succeeded);

            await package.DeleteAsync(new DeleteRequest(processUrn, "local:lab:Process", process.Id, processInputs, process.Outputs), None);
            Assert.Null((await package.ReadAsync(new ReadRequest(processUrn, "local:lab:Process", process.Id, processInputs, process.Outputs), None)).Id);
            Assert.Null(ProcessIdentity.Read(pid));
            await package.DeleteAsync(new DeleteRequest(fileUrn, "local:lab:File", file.Id, fileInputs, file.Outputs), None);
            Assert.Null((await package.ReadAsync(new ReadRequest(fileUrn, "local:lab:File", file.Id, fileInputs, file.Outputs), None)).Id);
            await package.DeleteAsync(new DeleteRequest(nodeUrn, "local:lab:Node", node.Id, nodeInputs, node.Outputs), None);
            Assert.Null((await package.ReadAsync(new ReadRequest(nodeUrn, "local:lab:Node", node.Id, nodeInputs, node.Outputs), None)).Id);
            await package.DeleteAsync(new DeleteRequest(underlayUrn, "local:lab:Underlay", underlay.Id, underlayInputs, underlay.Outputs), None);

            Assert.Null((await package.ReadAsync(new ReadRequest(underlayUrn, "local:lab:Underlay", underlay.Id, underlayInputs, underlay.Outputs), None)).Id);
            Assert.DoesNotContain($"kd.{lab.Stack}.", await LocalLabTests.Host(None, "ip", "netns", "list"), StringComparison.Ordinal);
            Assert.DoesNotContain("10.63.0.0/24", await LocalLabTests.Host(None, "ip", "route", "show", "type", "unreachable"), StringComparison.Ordinal);
        }

        [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt")]
        public async Task CreateAsync_FailingCommand_ReportsStderrOnTheCreateInput()
        {
            await using var lab = await LabScratch.CreateAsync();
            await lab.UnderlayAsync();
            await lab.NodeAsync("n1", 1);
            var package = LocalProvider.Create(lab.Lab);
            var urn = UrnOf(lab.Stack, "local:lab:Command", "fails");

            var error = await Assert.ThrowsAsync<ProviderException>(() => CreateAsync(
                package, urn, PropertyMapper.ToMap(new NodeCommandInputs("n1", ["sh", "-c", "echo broken >&2; exit 4"], LabOwner: lab.Owner.Id))));

            Assert.Equal("create", error.Property);
            Assert.Contains("exited with 4: broken", error.Message, StringComparison.Ordinal);
        }
    }

    private static ProviderPackage FakePackage() =>
        LocalProvider.Create(new LocalLab(new FakeCommandRunner(_ => null), new LabOptions("/nonexistent"), TimeProvider.System));

    private static Urn UrnOf(string stack, string type, string name) => Urn.Create(stack, "kubedos", string.Empty, type, name);

    private static async Task<CreateResponse> CreateAsync(ProviderPackage package, Urn urn, PropertyMap inputs)
    {
        var type = urn.Type;
        var check = await package.CheckAsync(new CheckRequest(urn, type, null, inputs), None);
        Assert.Empty(check.Failures);
        return await package.CreateAsync(new CreateRequest(urn, type, check.Inputs, Preview: false), None);
    }
}
