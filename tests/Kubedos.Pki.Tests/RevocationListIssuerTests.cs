using System.Security.Cryptography.X509Certificates;
using Kubedos.Testing;

namespace Kubedos.Pki.Tests;

public sealed class RevocationListIssuerTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-crl-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [LabFact("openssl")]
    public void Issue_TwoRevokedLeaves_OpensslVerifiesTheSignatureAndListsBothSerialsAsKeyCompromise()
    {
        foreach (var algorithm in new[] { KeyAlgorithm.EcdsaP256, KeyAlgorithm.Rsa2048, KeyAlgorithm.EcdsaP384 })
        {
            using var caKey = PrivateKeyMaterial.Generate(algorithm);
            using var ca = CertificateIssuer.SelfSign(caKey, CertificateProfile.Authority("etcd-ca", 24, 0), Now);
            using var first = Leaf(ca, caKey, "cp-3-server");
            using var second = Leaf(ca, caKey, "cp-3-peer");
            File.WriteAllText(Path.Combine(_dir, "ca.pem"), CertificateIssuer.ToPem(ca));

            var pem = RevocationListIssuer.Issue(ca, caKey, [new(first.SerialNumber, Now.AddMinutes(-5)), new(second.SerialNumber.ToLowerInvariant(), Now)], 7, Now, Now.AddDays(30));
            File.WriteAllText(Path.Combine(_dir, "crl.pem"), pem);

            var (code, output) = OpenSsl.Run(_dir, "crl", "-in", "crl.pem", "-CAfile", "ca.pem", "-noout", "-text");
            Assert.True(code == 0, $"{algorithm}: {output}");
            Assert.Contains("verify OK", output, StringComparison.Ordinal);
            Assert.Contains($"Serial Number: {first.SerialNumber}", output, StringComparison.OrdinalIgnoreCase);
            Assert.Contains($"Serial Number: {second.SerialNumber}", output, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(2, output.Split("Key Compromise").Length - 1);
            Assert.Contains("X509v3 CRL Number", output, StringComparison.Ordinal);
            Assert.Contains("X509v3 Authority Key Identifier", output, StringComparison.Ordinal);
        }
    }

    [LabFact("openssl")]
    public void Issue_SignedByAnotherCa_OpensslRefusesTheSignature()
    {
        using var caKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var ca = CertificateIssuer.SelfSign(caKey, CertificateProfile.Authority("etcd-ca", 24, 0), Now);
        using var otherKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var other = CertificateIssuer.SelfSign(otherKey, CertificateProfile.Authority("etcd-ca", 24, 0), Now);
        File.WriteAllText(Path.Combine(_dir, "ca.pem"), CertificateIssuer.ToPem(ca));
        File.WriteAllText(Path.Combine(_dir, "crl.pem"), RevocationListIssuer.Issue(other, otherKey, [], 1, Now, Now.AddDays(1)));

        var (_, output) = OpenSsl.Run(_dir, "crl", "-in", "crl.pem", "-CAfile", "ca.pem", "-noout");

        Assert.DoesNotContain("verify OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_Empty_IsAValidListThatRevokesNothing()
    {
        using var caKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var ca = CertificateIssuer.SelfSign(caKey, CertificateProfile.Authority("etcd-ca", 24, 0), Now);

        var pem = RevocationListIssuer.Issue(ca, caKey, [], 1, Now, Now.AddDays(1));

        Assert.StartsWith("-----BEGIN X509 CRL-----", pem, StringComparison.Ordinal);
        var fields = System.Security.Cryptography.PemEncoding.Find(pem);
        var loaded = CertificateRevocationListBuilder.Load(Convert.FromBase64String(pem[fields.Base64Data]), out var number);
        Assert.Equal(1, number);
        Assert.False(loaded.RemoveEntry([0x01]));
    }

    [Fact]
    public void Issue_IssuerNotACa_KeyNotTheIssuers_NoCrlSign_BadSerialOrTimes_AreRefused()
    {
        using var caKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var ca = CertificateIssuer.SelfSign(caKey, CertificateProfile.Authority("etcd-ca", 24, 0), Now);
        using var leaf = CertificateIssuer.SelfSign(caKey, CertificateProfile.Leaf("not-a-ca", 24), Now);
        using var otherKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var signOnly = CertificateIssuer.SelfSign(caKey, CertificateProfile.Authority("sign-only", 24, 0) with { AllowedUses = [CertificateUses.CertSigning] }, Now);

        Assert.Contains("not a CA", Assert.Throws<CertificateRequestException>(() => RevocationListIssuer.Issue(leaf, caKey, [], 1, Now, Now.AddDays(1))).Message, StringComparison.Ordinal);
        Assert.Contains("not the key", Assert.Throws<CertificateRequestException>(() => RevocationListIssuer.Issue(ca, otherKey, [], 1, Now, Now.AddDays(1))).Message, StringComparison.Ordinal);
        Assert.Contains("cRLSign", Assert.Throws<CertificateRequestException>(() => RevocationListIssuer.Issue(signOnly, caKey, [], 1, Now, Now.AddDays(1))).Message, StringComparison.Ordinal);
        Assert.Contains("'zz' is not hex", Assert.Throws<CertificateRequestException>(() => RevocationListIssuer.Issue(ca, caKey, [new("zz", Now)], 1, Now, Now.AddDays(1))).Message, StringComparison.Ordinal);
        Assert.Contains("is not after", Assert.Throws<CertificateRequestException>(() => RevocationListIssuer.Issue(ca, caKey, [], 1, Now, Now)).Message, StringComparison.Ordinal);
    }

    private static X509Certificate2 Leaf(X509Certificate2 ca, PrivateKeyMaterial caKey, string name)
    {
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var profile = CertificateProfile.Leaf(name, 12) with { AllowedUses = [CertificateUses.DigitalSignature, CertificateUses.ServerAuth] };
        return CertificateIssuer.Sign(PublicKey.CreateFromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _), profile, ca, caKey, Now);
    }
}
