using System.Security.Cryptography.X509Certificates;
using Kubedos.Testing;

namespace Kubedos.Pki.Tests;

public sealed class CertificateIssuerTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-tls-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [LabFact("openssl")]
    public void Sign_RootIntermediateLeafChain_PassesOpensslStrictVerify()
    {
        foreach (var algorithm in new[] { KeyAlgorithm.EcdsaP256, KeyAlgorithm.Rsa2048, KeyAlgorithm.EcdsaP384 })
        {
            WriteChain(algorithm);
            var (code, output) = OpenSsl.Run(_dir, "verify", "-x509_strict", "-CAfile", "root.pem", "-untrusted", "intermediate.pem", "leaf.pem");
            Assert.True(code == 0, $"{algorithm}: {output}");
            Assert.Contains("leaf.pem: OK", output, StringComparison.Ordinal);
        }
    }

    [LabFact("openssl")]
    public void Sign_LeafWithoutIntermediate_FailsOpensslVerify()
    {
        WriteChain(KeyAlgorithm.EcdsaP256);
        var (code, _) = OpenSsl.Run(_dir, "verify", "-x509_strict", "-CAfile", "root.pem", "leaf.pem");
        Assert.NotEqual(0, code);
    }

    [LabFact("openssl")]
    public void Pin_OfCertificate_EqualsOpensslDigestOfDerSubjectPublicKeyInfo()
    {
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var cert = CertificateIssuer.SelfSign(key, CertificateProfile.Authority("pin-ca", 24, null), Now);
        File.WriteAllText(Path.Combine(_dir, "ca.pem"), CertificateIssuer.ToPem(cert));
        OpenSsl.Run(_dir, "x509", "-in", "ca.pem", "-noout", "-pubkey", "-out", "pub.pem");
        OpenSsl.Run(_dir, "pkey", "-pubin", "-in", "pub.pem", "-outform", "DER", "-out", "pub.der");
        var (_, digest) = OpenSsl.Run(_dir, "dgst", "-sha256", "-hex", "-r", "pub.der");

        Assert.Equal("sha256:" + digest.Split(' ')[0].Trim(), SpkiPin.Of(cert));
        Assert.Equal(key.Pin, SpkiPin.Of(cert));
    }

    [Fact]
    public void Sign_LeafProfile_CarriesUsagesSansAndIssuerKeyIdentifier()
    {
        using var rootKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var root = CertificateIssuer.SelfSign(rootKey, CertificateProfile.Authority("root", 48, 1), Now);
        using var leafKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var profile = LeafProfile();

        using var leaf = CertificateIssuer.Sign(PublicKeyOf(leafKey), profile, root, rootKey, Now);

        var basic = leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.False(basic.CertificateAuthority);
        var usage = leaf.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, usage.KeyUsages);
        var eku = leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value!).Order());
        var san = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["node-1", "node-1.lab"], san.EnumerateDnsNames().Order());
        Assert.Equal(["10.10.0.11", "127.0.0.1"], san.EnumerateIPAddresses().Select(a => a.ToString()).Order());
        var aki = leaf.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single();
        var rootSki = root.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single();
        Assert.Equal(rootSki.SubjectKeyIdentifier, Convert.ToHexString(aki.KeyIdentifier!.Value.Span));
        Assert.Equal(leafKey.Pin, SpkiPin.Of(leaf));
        Assert.Equal(Now.ToUnixTimeSeconds() + (24 * 3600), new DateTimeOffset(leaf.NotAfter).ToUnixTimeSeconds());
    }

    [Fact]
    public void Sign_ValidityBeyondIssuer_Throws()
    {
        using var rootKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var root = CertificateIssuer.SelfSign(rootKey, CertificateProfile.Authority("root", 10, null), Now);
        using var leafKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);

        var error = Assert.Throws<CertificateRequestException>(() =>
            CertificateIssuer.Sign(PublicKeyOf(leafKey), LeafProfile(), root, rootKey, Now));
        Assert.Contains("outlive its issuer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_IssuerIsNotCa_Throws()
    {
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var notCa = CertificateIssuer.SelfSign(key, LeafProfile() with { ValidityHours = 100 }, Now);

        var error = Assert.Throws<CertificateRequestException>(() =>
            CertificateIssuer.Sign(PublicKeyOf(key), LeafProfile(), notCa, key, Now));
        Assert.Contains("not a CA certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_KeyOfAnotherCa_Throws()
    {
        using var rootKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var otherKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var root = CertificateIssuer.SelfSign(rootKey, CertificateProfile.Authority("root", 48, null), Now);

        var error = Assert.Throws<CertificateRequestException>(() =>
            CertificateIssuer.Sign(PublicKeyOf(otherKey), LeafProfile(), root, otherKey, Now));
        Assert.Contains("does not belong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadSigningRequest_Genuine_ReturnsSubjectKeyAndSans()
    {
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.Rsa2048);
        var csr = CertificateIssuer.CreateSigningRequestPem(key, LeafProfile());

        var request = CertificateIssuer.ReadSigningRequest(csr);

        Assert.Equal("node-1", request.CommonName);
        Assert.Equal(key.Pin, request.PublicKeyPin);
        Assert.Contains("node-1.lab", request.DnsNames);
        Assert.Contains("10.10.0.11", request.IpAddresses);
    }

    [Fact]
    public void ReadSigningRequest_SignatureAltered_Throws()
    {
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var csr = CertificateIssuer.CreateSigningRequestPem(key, LeafProfile());
        var der = System.Security.Cryptography.PemEncoding.Find(csr);
        var bytes = Convert.FromBase64String(csr[der.Base64Data]);
        bytes[^3] ^= 0x5A; // inside the signature BIT STRING
        var tampered = System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE REQUEST", bytes);

        Assert.Throws<CertificateRequestException>(() => CertificateIssuer.ReadSigningRequest(tampered));
    }

    [Fact]
    public void Problems_CaWithoutCertSigning_NamesProperty()
    {
        var profile = CertificateProfile.Authority("ca", 10, null) with { AllowedUses = [CertificateUses.DigitalSignature, "flying"] };

        var problems = profile.Problems();

        Assert.Contains(problems, p => p.Property == "allowedUses" && p.Reason.Contains("flying", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Property == "allowedUses" && p.Reason.Contains("cert_signing", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(23, false)]
    [InlineData(24, true)]
    [InlineData(100, true)]
    public void IsDue_InsideWindow_True(int hoursElapsed, bool due)
    {
        var notAfter = Now.AddHours(48);
        Assert.Equal(due, RenewalWindow.IsDue(notAfter, TimeSpan.FromHours(24), Now.AddHours(hoursElapsed)));
    }

    [Fact]
    public void FromPem_ExportedKey_RoundTripsWithSamePin()
    {
        foreach (var algorithm in Enum.GetValues<KeyAlgorithm>().Where(a => a != KeyAlgorithm.Rsa4096))
        {
            using var key = PrivateKeyMaterial.Generate(algorithm);
            using var again = PrivateKeyMaterial.FromPem(key.ExportPrivateKeyPem());
            Assert.Equal(algorithm, again.Algorithm);
            Assert.Equal(key.Pin, again.Pin);
        }
    }

    private static CertificateProfile LeafProfile() =>
        CertificateProfile.Leaf("node-1", 24) with
        {
            Organizations = ["kubedos"],
            AllowedUses = [CertificateUses.DigitalSignature, CertificateUses.ServerAuth, CertificateUses.ClientAuth],
            DnsNames = ["node-1", "node-1.lab"],
            IpAddresses = ["10.10.0.11", "127.0.0.1"],
        };

    private static PublicKey PublicKeyOf(PrivateKeyMaterial key) =>
        PublicKey.CreateFromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);

    private void WriteChain(KeyAlgorithm algorithm)
    {
        using var rootKey = PrivateKeyMaterial.Generate(algorithm);
        using var root = CertificateIssuer.SelfSign(rootKey, CertificateProfile.Authority("Kubedos Root CA", 24 * 3650, 1), Now);
        using var intermediateKey = PrivateKeyMaterial.Generate(algorithm);
        using var intermediate = CertificateIssuer.Sign(
            PublicKeyOf(intermediateKey), CertificateProfile.Authority("Kubedos lab-01 CA", 24 * 365, 0), root, rootKey, Now);
        using var leafKey = PrivateKeyMaterial.Generate(algorithm);
        using var leaf = CertificateIssuer.Sign(PublicKeyOf(leafKey), LeafProfile(), intermediate, intermediateKey, Now);
        File.WriteAllText(Path.Combine(_dir, "root.pem"), CertificateIssuer.ToPem(root));
        File.WriteAllText(Path.Combine(_dir, "intermediate.pem"), CertificateIssuer.ToPem(intermediate));
        File.WriteAllText(Path.Combine(_dir, "leaf.pem"), CertificateIssuer.ToPem(leaf));
    }
}
