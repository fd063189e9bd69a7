using System.Net;
using System.Security.Cryptography;
using Kubedos.Image.Store;

namespace Kubedos.Image.Tests;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ContentStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("kubedos-store-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task AddAsync_DigestMatches_StoresReadOnlyUnderItsDigest()
    {
        var store = new ContentStore(_root);
        var bytes = "a package"u8.ToArray();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var incoming = store.NewIncomingPath();
        await File.WriteAllBytesAsync(incoming, bytes);

        var path = await store.AddAsync(incoming, sha, "test", CancellationToken.None);

        Assert.Equal(Path.Combine(_root, "sha256", sha[..2], sha), path);
        Assert.True(store.Contains(sha));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task AddAsync_DigestDiffers_RefusesAndKeepsNothing()
    {
        var store = new ContentStore(_root);
        var incoming = store.NewIncomingPath();
        await File.WriteAllBytesAsync(incoming, "tampered"u8.ToArray());

        var error = await Assert.ThrowsAsync<DigestMismatchException>(() => store.AddAsync(incoming, LockFixtures.ShaA, "nftables 1.0", CancellationToken.None));

        Assert.Contains("nftables 1.0", error.Message, StringComparison.Ordinal);
        Assert.False(store.Contains(LockFixtures.ShaA));
        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void PathOf_NotALowercaseSha256_IsRefused()
    {
        var store = new ContentStore(_root);

        Assert.Throws<ArgumentException>(() => store.PathOf("../../etc/passwd"));
        Assert.Throws<ArgumentException>(() => store.PathOf(new string('A', 64)));
    }

    [Fact]
    public async Task AcquireAsync_MirrorServesOtherBytes_RefusesTheDownloadAndKeepsNothing()
    {
        var store = new ContentStore(_root);
        using var http = new HttpClient(new FixedAnswer(HttpStatusCode.OK, "not the locked file"u8.ToArray()));
        var imageLock = LockFixtures.Lock("nftables");

        var error = await Assert.ThrowsAsync<DigestMismatchException>(() => new PackageAcquirer(store, http).AcquireAsync(imageLock, offline: false, null, CancellationToken.None));

        // Packages are acquired in lock order (by name): libc6 comes first.
        Assert.Equal(new string('d', 64), error.Expected);
        Assert.Contains("libc6 2.36-9 from http://deb.debian.org/debian/pool/main/g/glibc/libc6_2.36-9_amd64.deb", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task AcquireAsync_OfflineWithAPackageMissing_NamesItAndDownloadsNothing()
    {
        var store = new ContentStore(_root);
        var handler = new FixedAnswer(HttpStatusCode.OK, []);
        using var http = new HttpClient(handler);

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => new PackageAcquirer(store, http).AcquireAsync(LockFixtures.Lock("nftables"), offline: true, null, CancellationToken.None));

        Assert.Equal("acquire", error.Phase);
        Assert.Contains("offline, and libc6 2.36-9", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, handler.Requests);
    }

    [Fact]
    public async Task AcquireAsync_MirrorDroppedTheVersion_NamesThePackageAndStatus()
    {
        var store = new ContentStore(_root);
        using var http = new HttpClient(new FixedAnswer(HttpStatusCode.NotFound, []));

        var error = await Assert.ThrowsAsync<ImageBuildException>(() => new PackageAcquirer(store, http).AcquireAsync(LockFixtures.Lock("nftables"), offline: false, null, CancellationToken.None));

        Assert.Contains("answered 404", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
    }

    private sealed class FixedAnswer(HttpStatusCode status, byte[] body) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return Task.FromResult(new HttpResponseMessage(status) { Content = new ByteArrayContent(body) });
        }
    }
}
