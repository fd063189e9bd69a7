using System.Security.Cryptography;
using Kubedos.Components.Firstboot;

namespace Kubedos.Infra.Tests.Components.Firstboot;

public sealed class OpenSshPublicKeyTests
{
    [Fact]
    public void FromPem_P256Key_IsAnEcdsaAuthorizedKeysLine()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var line = OpenSshPublicKey.FromPem(key.ExportSubjectPublicKeyInfoPem(), "kubedos@lab-01");

        var parts = line.Split(' ');
        Assert.Equal("ecdsa-sha2-nistp256", parts[0]);
        Assert.Equal("kubedos@lab-01", parts[2]);
        var blob = Convert.FromBase64String(parts[1]);
        Assert.Equal(4 + 19 + 4 + 8 + 4 + 65, blob.Length);
    }

    [Fact]
    public void FromPem_P384Key_IsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => OpenSshPublicKey.FromPem(key.ExportSubjectPublicKeyInfoPem(), "x"));
    }

    [Fact]
    public void Parse_KeygenOutput_TakesTheSha256Fingerprint()
    {
        Assert.Equal("SHA256:abc+/def", HostKeyFingerprint.Parse("256 SHA256:abc+/def cp-1 (ED25519)\n"));
        Assert.Throws<FormatException>(() => HostKeyFingerprint.Parse("no such file"));
    }
}
