namespace Kubedos.Pki.Tests;

public sealed class PinnedCaTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public void Require_MatchingPin_ReturnsTheCa()
    {
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var ca = CertificateIssuer.SelfSign(key, CertificateProfile.Authority("root", 100, null), Now);

        using var pinned = PinnedCa.Require(key.Pin, CertificateIssuer.ToPem(ca), "root-ca.pem");

        Assert.Equal(ca.Thumbprint, pinned.Thumbprint);
    }

    [Fact]
    public void Require_OtherKey_ErrorNamesBothPinsAndFile()
    {
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var ca = CertificateIssuer.SelfSign(key, CertificateProfile.Authority("root", 100, null), Now);
        var expected = "sha256:" + new string('a', 64);

        var error = Assert.Throws<CaPinMismatchException>(() => PinnedCa.Require(expected, CertificateIssuer.ToPem(ca), "root-ca.pem"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(key.Pin, error.Message, StringComparison.Ordinal);
        Assert.Contains("root-ca.pem", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_LeafCertificate_Refused()
    {
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var leaf = CertificateIssuer.SelfSign(key, CertificateProfile.Leaf("host", 100), Now);

        var error = Assert.Throws<CaPinMismatchException>(() => PinnedCa.Require(key.Pin, CertificateIssuer.ToPem(leaf), "x.pem"));
        Assert.Contains("not a CA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_MalformedPin_Refused() =>
        Assert.Throws<CaPinMismatchException>(() => PinnedCa.Require("sha256:REDACTED", "irrelevant", "x.pem"));
}
