using Kubedos.Components.Image;
using Kubedos.Image.Lock;
using Kubedos.Spec.Loading;
using Kubedos.Spec.Model;

namespace Kubedos.Infra.Tests.Image;

public sealed class NodeImagePackagesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kubedos-imagepkgs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void For_EveryStack_IsOneSetWithWhatEveryStageRuns()
    {
        var dev = Spec("stacks/dev.yaml");
        var lab01 = Spec("stacks/lab-01.yaml");

        Assert.False(dev.Kubernetes.Enabled);
        Assert.True(lab01.Kubernetes.Enabled);
        Assert.Equal(NodeImagePackages.For(dev).Digest, NodeImagePackages.For(lab01).Digest);
        Assert.Equal(NodeImagePackages.Base.Concat(NodeImagePackages.Stages).Order(StringComparer.Ordinal), NodeImagePackages.For(dev).Names);
    }

    [Theory]
    [InlineData("etcd-server")]
    [InlineData("etcd-client")]
    [InlineData("prometheus")]
    [InlineData("prometheus-alertmanager")]
    [InlineData("wireguard-go")]
    [InlineData("python3-apt")]
    [InlineData("curl")]
    [InlineData("jq")]
    public void For_AStackWithEveryStageOff_StillDeclaresWhatNodesRun(string package)
    {
        var spec = Spec("stacks/dev.yaml");
        var bare = spec with { Kubernetes = spec.Kubernetes with { Enabled = false, Observability = spec.Kubernetes.Observability with { Enabled = false } } };

        Assert.Contains(package, NodeImagePackages.For(bare).Names);
    }

    [Fact]
    public void CheckedLock_DeclaredSetChanged_IsRefusedNamingTheDifferenceAndTheVerb()
    {
        var spec = Spec("stacks/dev.yaml");
        var specPath = Path.Combine(_directory, "dev.yaml");
        var locked = NodeImagePackages.For(spec).Names.Where(n => n != "nftables").Append("htop").ToArray();
        File.WriteAllText(NodeImagePackages.LockPath(specPath), Lock(locked).ToJson());

        var error = Assert.Throws<LockFileException>(() => NodeImagePackages.CheckedLock(specPath, NodeImagePackages.For(spec)));

        Assert.Equal(Path.Combine(_directory, "dev.locks.json"), error.FilePath);
        Assert.Contains("declared but not locked: nftables; locked but no longer declared: htop", error.Message, StringComparison.Ordinal);
        Assert.Contains("kubedos image lock --stack S", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckedLock_NoLock_SaysWhichVerbMakesIt()
    {
        var error = Assert.Throws<LockFileException>(() => NodeImagePackages.CheckedLock(Path.Combine(_directory, "dev.yaml"), NodeImagePackages.For(Spec("stacks/dev.yaml"))));

        Assert.Contains("no lock for this spec", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckedLock_LockMadeForTheSpec_IsReturned()
    {
        var spec = Spec("stacks/dev.yaml");
        var specPath = Path.Combine(_directory, "dev.yaml");
        File.WriteAllText(NodeImagePackages.LockPath(specPath), Lock(NodeImagePackages.For(spec).Names).ToJson());

        Assert.Equal(NodeImagePackages.For(spec).Digest, NodeImagePackages.CheckedLock(specPath, NodeImagePackages.For(spec)).Declared.Digest);
    }

    // A stack shipped with a lock must match it, or the README's first command refuses lab-01 (changing a spec's
    // stages changes its declared set: `kubedos image lock --stack S` again).
    [Theory]
    [InlineData("stacks/lab-01.yaml")]
    [InlineData("stacks/dev.yaml")]
    public void CheckedLock_ShippedStack_MatchesItsShippedLock(string relative)
    {
        var specPath = RepositoryFiles.PathOf(relative);

        var locked = NodeImagePackages.CheckedLock(specPath, NodeImagePackages.For(Spec(relative)));

        Assert.Equal(NodeImagePackages.For(Spec(relative)).Names, locked.Declared.Names);
    }

    private static ClusterSpec Spec(string relative) =>
        ClusterSpecLoader.Load(relative, System.Text.Encoding.UTF8.GetBytes(RepositoryFiles.Read(relative))).Document!.Spec;

    private static ImageLock Lock(IReadOnlyList<string> declared) =>
        new(
            AptSource.Default,
            new MirrorSnapshot(new DateTimeOffset(2026, 7, 11, 0, 0, 0, TimeSpan.Zero), new string('c', 64)),
            declared,
            declared.Select(n => new LockedPackage(n, "1.0-1", "amd64", $"pool/main/x/{n}/{n}_1.0-1_amd64.deb", 1, new string('a', 64))));
}
