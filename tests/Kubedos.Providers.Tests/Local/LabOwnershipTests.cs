using System.Net;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Providers.Local;

namespace Kubedos.Providers.Tests.Local;

/// <summary>A lab belongs to the state that made it: the owner file, and what the lab does with another state's lab.</summary>
public sealed class LabOwnershipTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly LabOwner Checkout = new("checkout-0001", "/work/main");
    private static readonly LabOwner TestRun = new("testrun-0002", "/tmp/kubedos-lab-x");

    private readonly string root = Directory.CreateTempSubdirectory("kubedos-owner-tests-").FullName;

    [Fact]
    public async Task EnsureUnderlayAsync_LabOfAnotherState_IsRefusedNamingStackProjectAndWhatToDo()
    {
        await NewLab(FakeHost()).EnsureUnderlayAsync(Spec(Checkout), None);
        var host = FakeHost(existing: "kd.lab-01._switch");

        var error = await Assert.ThrowsAsync<LabConflictException>(() => NewLab(host).EnsureUnderlayAsync(Spec(TestRun), None));

        Assert.Contains("lab stack lab-01 on this host belongs to another state: project /work/main (owner checkout-0001", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not adopt it", error.Message, StringComparison.Ordinal);
        Assert.Contains("Use another stack name, or destroy that lab from its project (cd /work/main && ./kubedos destroy --stack lab-01 --yes)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.CommandLines, c => c.StartsWith("ip netns add", StringComparison.Ordinal) || c.Contains("route add", StringComparison.Ordinal));
        Assert.Equal("checkout-0001", (await NewLab(host).OwnerAsync("lab-01", None))!.Id);
    }

    [Fact]
    public async Task EnsureUnderlayAsync_SameStateAgain_AdoptsItsOwnLab()
    {
        await NewLab(FakeHost()).EnsureUnderlayAsync(Spec(Checkout), None);

        var underlay = await NewLab(FakeHost(existing: "kd.lab-01._switch")).EnsureUnderlayAsync(Spec(Checkout), None);

        Assert.Equal("kd.lab-01._switch", underlay.SwitchNamespace);
    }

    [Fact]
    public async Task EnsureUnderlayAsync_LabOnTheHostWithoutOwnerFile_IsRefusedBeforeAnythingIsMade()
    {
        var host = FakeHost(existing: "kd.lab-01.cp-1");

        var error = await Assert.ThrowsAsync<LabConflictException>(() => NewLab(host).EnsureUnderlayAsync(Spec(TestRun), None));

        Assert.Contains("lab stack lab-01 already exists on this host (kd.lab-01.cp-1) with no owner file", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.CommandLines, c => c.StartsWith("ip netns add", StringComparison.Ordinal));
        Assert.False(File.Exists(new LabOptions(root).OwnerFile("lab-01")));
    }

    [Fact]
    public async Task EnsureUnderlayAsync_StateRecordedBeforeOwners_TakesOverItsUnownedLab()
    {
        var underlay = await NewLab(FakeHost(existing: "kd.lab-01._switch")).EnsureUnderlayAsync(Spec(Checkout) with { TakeOverUnowned = true }, None);

        Assert.Equal("kd.lab-01._switch", underlay.SwitchNamespace);
        Assert.Equal("checkout-0001", (await NewLab(FakeHost()).OwnerAsync("lab-01", None))!.Id);
    }

    [Fact]
    public async Task RemoveUnderlayAsync_LabOfAnotherState_TouchesNothing()
    {
        await NewLab(FakeHost()).EnsureUnderlayAsync(Spec(Checkout), None);
        var host = FakeHost(existing: "kd.lab-01._switch");

        var removed = await NewLab(host).RemoveUnderlayAsync("lab-01", TestRun.Id, None);

        Assert.False(removed);
        Assert.DoesNotContain(host.CommandLines, c => c.Contains(" del", StringComparison.Ordinal) || c.StartsWith("kill", StringComparison.Ordinal));
        Assert.True(File.Exists(new LabOptions(root).OwnerFile("lab-01")));
    }

    [Fact]
    public async Task EnsureNodeAsync_LabOfAnotherState_IsRefused()
    {
        await NewLab(FakeHost()).EnsureUnderlayAsync(Spec(Checkout), None);

        var error = await Assert.ThrowsAsync<LabConflictException>(() => NewLab(FakeHost(existing: "kd.lab-01._switch")).EnsureNodeAsync(
            new LabNodeSpec("lab-01", "cp-1", IPAddress.Parse("10.250.7.11"), IPNetwork.Parse("10.250.7.0/24"), TestRun.Id), None));

        Assert.Contains("node cp-1: lab stack lab-01 on this host belongs to another state: project /work/main", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData(null, "checkout-0001", false)]
    [InlineData("checkout-0001", null, false)]
    [InlineData("checkout-0001", "checkout-0001", true)]
    [InlineData("checkout-0001", "testrun-0002", false)]
    public void Owns_RecordAndRecordedOwner_OnlyTheSameStateOrTwoWithoutOwners(string? recorded, string? owner, bool owns) =>
        Assert.Equal(owns, LabOwnership.Owns(recorded is null ? null : new LabOwnerRecord(recorded, "lab-01", "/work/main", DateTimeOffset.UnixEpoch), owner));

    [Fact]
    public async Task CheckAsync_UnderlayWithoutLabOwner_FailsOnLabOwner()
    {
        var package = LocalProvider.Create(NewLab(FakeHost()));
        var urn = Urn.Create("lab-01", "kubedos", string.Empty, "local:lab:Underlay", "underlay");

        var check = await package.CheckAsync(new CheckRequest(urn, urn.Type, null, PropertyMapper.ToMap(new UnderlayInputs("10.250.7.0/24"))), None);

        Assert.Equal(["labOwner", "labOwnerProject"], check.Failures.Select(f => f.Property).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_InterruptedCreateOfAnotherState_ReadsAsGoneAndOwnStateAdopts()
    {
        await NewLab(FakeHost()).EnsureUnderlayAsync(Spec(Checkout), None);
        var package = LocalProvider.Create(NewLab(FakeHost(existing: "kd.lab-01._switch", operatorLink: true)));
        var urn = Urn.Create("lab-01", "kubedos", string.Empty, "local:lab:Underlay", "underlay");

        var theirs = await package.ReadAsync(new ReadRequest(urn, urn.Type, null, Inputs(TestRun), PropertyMap.Empty), None);
        var ours = await package.ReadAsync(new ReadRequest(urn, urn.Type, null, Inputs(Checkout), PropertyMap.Empty), None);

        Assert.Null(theirs.Id);
        Assert.Equal("kd.lab-01._switch", ours.Id);
    }

    [Fact]
    public async Task DiffAsync_LabOwnerFirstGivenToAProcessRecordedBeforeOwners_IsNoChange()
    {
        var package = LocalProvider.Create(NewLab(FakeHost()));
        var urn = Urn.Create("lab-01", "kubedos", string.Empty, "local:lab:Process", "sshd");

        var diff = await package.DiffAsync(new DiffRequest(urn, urn.Type, "lab-01/cp-1:sshd",
            PropertyMapper.ToMap(new NodeProcessInputs("cp-1", "sshd", ["/usr/sbin/sshd", "-D"])),
            PropertyMap.Empty,
            PropertyMapper.ToMap(new NodeProcessInputs("cp-1", "sshd", ["/usr/sbin/sshd", "-D"], LabOwner: Checkout.Id))), None);
        var moved = await package.DiffAsync(new DiffRequest(urn, urn.Type, "lab-01/cp-1:sshd",
            PropertyMapper.ToMap(new NodeProcessInputs("cp-1", "sshd", ["/usr/sbin/sshd", "-D"], LabOwner: TestRun.Id)),
            PropertyMap.Empty,
            PropertyMapper.ToMap(new NodeProcessInputs("cp-1", "sshd", ["/usr/sbin/sshd", "-D"], LabOwner: Checkout.Id))), None);

        Assert.Equal(DiffChanges.None, diff.Changes);
        Assert.True(moved.RequiresReplace);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static PropertyMap Inputs(LabOwner owner) =>
        PropertyMapper.ToMap(new UnderlayInputs("10.250.7.0/24", LabOwner: owner.Id, LabOwnerProject: owner.Project));

    private static UnderlaySpec Spec(LabOwner owner) => new("lab-01", IPNetwork.Parse("10.250.7.0/24"), [], owner);

    private LocalLab NewLab(FakeCommandRunner host) => new(host, new LabOptions(root), TimeProvider.System);

    // A host with no routes and no nft tables, on which the given lab namespace (and operator link) exist.
    private static FakeCommandRunner FakeHost(string? existing = null, bool operatorLink = false) => new(command => command.ToString() switch
    {
        "ip -j netns list" => new ProcessResult(0, existing is null ? "[]" : $"[{{\"name\":\"{existing}\"}}]", string.Empty),
        "ip -j -4 route show" => new ProcessResult(0, "[]", string.Empty),
        var line when line.StartsWith("ip -j link show dev kdo", StringComparison.Ordinal) => new ProcessResult(operatorLink ? 0 : 1, string.Empty, string.Empty),
        var line when line.StartsWith("ip -j -4 addr show dev kdo", StringComparison.Ordinal) =>
            new ProcessResult(0, "[{\"addr_info\":[{\"local\":\"10.250.7.254\",\"prefixlen\":24}]}]", string.Empty),
        var line when line.StartsWith("nft list", StringComparison.Ordinal) => new ProcessResult(1, string.Empty, "No such file or directory"),
        _ => null,
    });
}
