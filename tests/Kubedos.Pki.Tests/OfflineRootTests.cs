using System.Security.Cryptography.X509Certificates;

namespace Kubedos.Pki.Tests;

public sealed class OfflineRootTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-root-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task InitAsync_EmptyDirectory_WritesRootCertAndOwnerOnlyKey()
    {
        var outDir = Path.Combine(_dir, "offline");

        var pin = await OfflineRoot.InitAsync(outDir, "Kubedos Lab Root", 10, KeyAlgorithm.EcdsaP256, TimeProvider.System, CancellationToken.None);

        using var cert = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(outDir, OfflineRoot.CertificateFile)));
        using var key = PrivateKeyMaterial.FromPem(await File.ReadAllTextAsync(Path.Combine(outDir, OfflineRoot.KeyFile)));
        Assert.Equal(pin, SpkiPin.Of(cert));
        Assert.Equal(key.Pin, pin);
        Assert.True(cert.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(outDir, OfflineRoot.KeyFile)));
        }
    }

    [Fact]
    public async Task InitAsync_InsideProject_Refused()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "Pulumi.yaml"), "name: kubedos\n");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            OfflineRoot.InitAsync(Path.Combine(_dir, "pki"), "Root", 10, KeyAlgorithm.EcdsaP256, TimeProvider.System, CancellationToken.None));

        Assert.Contains("outside the project", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "pki")));
    }

    [Fact]
    public async Task InitAsync_RootAlreadyThere_RefusesToOverwrite()
    {
        await OfflineRoot.InitAsync(_dir, "Root", 10, KeyAlgorithm.EcdsaP256, TimeProvider.System, CancellationToken.None);
        var before = await File.ReadAllTextAsync(Path.Combine(_dir, OfflineRoot.KeyFile));

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            OfflineRoot.InitAsync(_dir, "Root", 10, KeyAlgorithm.EcdsaP256, TimeProvider.System, CancellationToken.None));

        Assert.Equal(before, await File.ReadAllTextAsync(Path.Combine(_dir, OfflineRoot.KeyFile)));
    }
}
