using System.Security.Cryptography;
using Kubedos.Operations.Runbooks;

namespace Kubedos.Infra.Tests.Operations.Runbooks;

public sealed class SnapshotCopyTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("kubedos-snapshot-copy-").FullName;

    [Fact]
    public async Task CopyCheckedAsync_WithoutADigest_KeepsTheCopyAndReturnsTheSourcesDigest()
    {
        var source = Write("etcd-a.db", [1, 2, 3]);
        var target = Path.Combine(directory, "restore", "etcd-a.db");

        var digest = await SnapshotCopy.CopyCheckedAsync(source, target, null, CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(new byte[] { 1, 2, 3 })), digest);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task CopyCheckedAsync_DigestTheCopyDoesNotHave_KeepsNothing()
    {
        var source = Write("etcd-b.db", [4, 5, 6]);
        var target = Path.Combine(directory, "restore", "etcd-b.db");

        var refused = await Assert.ThrowsAsync<IOException>(() => SnapshotCopy.CopyCheckedAsync(source, target, new string('0', 64), CancellationToken.None));

        Assert.Contains("the bundle's manifest lists 0000", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(directory, "restore")));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
