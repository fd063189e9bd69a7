using Kubedos.Components.Seal;
using Kubedos.Seal.Attestation;

namespace Kubedos.Infra.Tests.Components.Seal;

public sealed class SealMaterialTests
{
    [Fact]
    public void From_BothMissing_NamesBothKeys()
    {
        var e = Assert.Throws<SealMaterialException>(() => SealMaterial.From(null, null));

        Assert.Equal(2, e.Problems.Count);
        Assert.Contains(SealMaterial.SigningKeyKey, e.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains(SealMaterial.SigningKeyPinKey, e.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_KeyNotMatchingThePin_RefusedNamingBothPins()
    {
        using var key = SigningKey.Generate();
        using var other = SigningKey.Generate();

        var e = Assert.Throws<SealMaterialException>(() => SealMaterial.From(key.ExportPrivateKeyPem(), other.Public.KeyId));

        Assert.Contains(key.Public.KeyId, e.Message, StringComparison.Ordinal);
        Assert.Contains(other.Public.KeyId, e.Message, StringComparison.Ordinal);
        Assert.Contains("pinned-signing-key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_NotAKey_Refused()
    {
        var e = Assert.Throws<SealMaterialException>(() => SealMaterial.From("-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\n", "sha256:" + new string('0', 64)));

        Assert.Contains(SealMaterial.SigningKeyKey, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_NeverShowsTheKey()
    {
        using var key = SigningKey.Generate();
        var material = SealMaterial.From(key.ExportPrivateKeyPem(), key.Public.KeyId);

        Assert.DoesNotContain("PRIVATE", material.ToString(), StringComparison.Ordinal);
        Assert.Equal(key.Public.KeyId, material.PublicKey.KeyId);
    }
}
