using Kubedos.Providers.Local;
using Kubedos.Testing;

namespace Kubedos.Providers.Tests.Local;

/// <summary>A node made from an image runs the image's files, in an overlay of its own, and another image is another machine.</summary>
[Collection(LabCollection.Name)]
public sealed class LabImageNodeTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "tar", "ldd")]
    public async Task EnsureNodeAsync_WithAnImage_RunsTheImagesFilesAndWritesOnlyItsOwnLayer()
    {
        using var image = MiniRootfs.Create("one");
        var lab = await LabScratch.CreateAsync();
        var options = new LabOptions(lab.Root);
        try
        {
            await lab.UnderlayAsync();

            var node = await lab.NodeAsync("n1", 1, image.Image);
            await node.WriteFileAsync("/usr/local/written-on-the-node", "mine", "0644", None);

            Assert.Equal(image.Marker + "\n", await node.ReadFileAsync(MiniRootfs.MarkerFile, None));
            Assert.Null(await node.ReadFileAsync("/etc/debian_version", None));
            Assert.Equal("n1\n", await node.ReadFileAsync("/etc/hostname", None));
            Assert.Equal("mine", await node.ReadFileAsync("/usr/local/written-on-the-node", None));
            var tree = Path.Combine(options.ImageRoot, image.Image.Sha256);
            Assert.False(File.Exists(Path.Combine(tree, "usr/local/written-on-the-node")), "a node wrote into the shared image");
            Assert.True(File.Exists(Path.Combine(node.StateDirectory, "root-upper/usr/local/written-on-the-node")));
            var mounts = (await node.ExecCheckedAsync(None, "cat", "/proc/mounts")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var root = mounts.Select(l => l.Split(' ')).Last(f => f[1] == "/");
            Assert.Equal("overlay", root[2]);
            Assert.Contains($"lowerdir={tree},", root[3], StringComparison.Ordinal);
        }
        finally
        {
            await lab.DisposeAsync();
            image.RemoveUnpacked(options);
        }
    }

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "tar", "ldd")]
    public async Task EnsureNodeAsync_SameImageAdopts_AnotherImageMakesANewMachine()
    {
        using var first = MiniRootfs.Create("first");
        using var second = MiniRootfs.Create("second");
        var lab = await LabScratch.CreateAsync();
        var options = new LabOptions(lab.Root);
        try
        {
            await lab.UnderlayAsync();
            var made = await lab.NodeAsync("n1", 1, first.Image);
            await made.WriteFileAsync("/root/left-by-the-first", "x", "0600", None);

            var again = await lab.NodeAsync("n1", 1, first.Image);
            var remade = await lab.NodeAsync("n1", 1, second.Image);

            Assert.Equal(made.Holder, again.Holder);
            Assert.NotEqual(made.Holder, remade.Holder);
            Assert.False(made.Holder.IsAlive());
            Assert.Equal(second.Marker + "\n", await remade.ReadFileAsync(MiniRootfs.MarkerFile, None));
            Assert.Null(await remade.ReadFileAsync("/root/left-by-the-first", None));
        }
        finally
        {
            await lab.DisposeAsync();
            first.RemoveUnpacked(options);
            second.RemoveUnpacked(options);
        }
    }

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "tar", "ldd")]
    public async Task EnsureNodeAsync_TarballNotItsDigest_IsRefusedAndNothingIsUnpacked()
    {
        using var image = MiniRootfs.Create("forged");
        var lab = await LabScratch.CreateAsync();
        var options = new LabOptions(lab.Root);
        var claimed = image.Image with { Sha256 = new string('e', 64) };
        try
        {
            await lab.UnderlayAsync();

            var error = await Assert.ThrowsAsync<LabCommandException>(() => lab.NodeAsync("n1", 1, claimed));

            Assert.Contains($"hashes to {image.Image.Sha256}, not the {claimed.Sha256}", error.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(options.ImageRoot, claimed.Sha256)));
            Assert.False(Directory.Exists(Path.Combine(options.ImageRoot, claimed.Sha256 + ".partial")));
        }
        finally
        {
            await lab.DisposeAsync();
            image.RemoveUnpacked(options);
            File.Delete(Path.Combine(options.ImageRoot, claimed.Sha256 + ".lock"));
        }
    }
}
