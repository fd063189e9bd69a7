using System.Security.Cryptography;
using Kubedos.Components.Image;
using Kubedos.Image.Build;
using Kubedos.Image.Lock;

namespace Kubedos.Infra.Tests.Image;

/// <summary><c>nodeRoot: image</c> finds the image `kubedos image build` made from the stack's lock, or says what to run.</summary>
public sealed class NodeImageTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("kubedos-nodeimage-").FullName;

    private string ManifestPath => Path.Combine(_out, "manifests", "artifact-manifest.json");

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public void Resolve_NothingBuilt_IsRefusedNamingTheBuildVerb()
    {
        var error = Assert.Throws<ImageLockRejectedException>(() => NodeImage.Resolve(ManifestPath, "lab-01", Lock("aa", "bb")));

        Assert.Contains("no node image was built for stack lab-01", error.Message, StringComparison.Ordinal);
        Assert.Contains("`kubedos image build --stack lab-01`", error.Message, StringComparison.Ordinal);
        Assert.Equal(ManifestPath, Assert.Single(error.Problems).Source!.File);
    }

    [Fact]
    public void Resolve_BuiltFromAnotherLock_IsRefusedCountingWhatIsNotInIt()
    {
        var rootfs = Build(Lock("aa", "bb"));

        var error = Assert.Throws<ImageLockRejectedException>(() => NodeImage.Resolve(ManifestPath, "lab-01", Lock("aa", "cc")));

        Assert.Contains("was built from another lock (1 of the lock's 2 packages are not in it)", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(rootfs));
    }

    [Fact]
    public void Resolve_RootfsGoneOrResized_IsRefused()
    {
        var rootfs = Build(Lock("aa", "bb"));
        File.AppendAllText(rootfs, "x");

        var error = Assert.Throws<ImageLockRejectedException>(() => NodeImage.Resolve(ManifestPath, "lab-01", Lock("aa", "bb")));

        Assert.Contains($"the node image's rootfs {rootfs} is missing or not the", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BuiltFromTheLock_IsItsRootfsAndDigest()
    {
        var rootfs = Build(Lock("aa", "bb"));

        var image = NodeImage.Resolve(ManifestPath, "lab-01", Lock("aa", "bb"));

        Assert.Equal(rootfs, image.RootfsTarball);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(rootfs))), image.Sha256);
    }

    // A manifest as `kubedos image build` writes it, with a small rootfs tarball under artifacts/.
    private string Build(ImageLock imageLock)
    {
        var content = "rootfs of " + string.Join(',', imageLock.Packages.Select(p => p.Name));
        var digest = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content)));
        var name = $"kubedos-0.1.0-rootfs-20260711-{digest[..12]}.tar";
        Directory.CreateDirectory(Path.Combine(_out, "artifacts"));
        Directory.CreateDirectory(Path.Combine(_out, "manifests"));
        File.WriteAllText(Path.Combine(_out, "artifacts", name), content);
        var manifest = new ArtifactManifest(
            "lab-01", "0.1.0", new string('k', 64), imageLock.SourceDateEpoch, ["rootfs"],
            [new Artifact("rootfs-tar", name, digest, content.Length)],
            [.. imageLock.Packages.Select(p => new Artifact("deb", Path.GetFileName(p.Filename), p.Sha256, p.Size))],
            new Dictionary<string, string>());
        File.WriteAllText(ManifestPath, manifest.ToJson());
        return Path.Combine(_out, "artifacts", name);
    }

    private static ImageLock Lock(params string[] packages) =>
        new(
            AptSource.Default,
            new MirrorSnapshot(new DateTimeOffset(2026, 7, 11, 0, 0, 0, TimeSpan.Zero), new string('c', 64)),
            packages,
            packages.Select(n => new LockedPackage(n, "1.0-1", "amd64", $"pool/main/x/{n}/{n}_1.0-1_amd64.deb", 1, Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(n))))));
}
