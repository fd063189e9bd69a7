using Kubedos.Engine.Model;
using Kubedos.Pki;
using Kubedos.Providers.Tls;
using Kubedos.Testing;
using Microsoft.Extensions.Time.Testing;
using static Kubedos.Providers.Tests.Tls.ProviderCalls;

namespace Kubedos.Providers.Tests.Tls;

public sealed class TlsProviderTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-tlsp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task PrivateKey_Create_PrivatePemIsSecretAndPinMatchesPublicKey()
    {
        var provider = TlsProvider.Create(_time);

        var key = await CreateAsync(provider, "tls:index:PrivateKey", PropertyMap.Empty);

        Assert.True(key.Outputs["privateKeyPem"].IsSecret);
        Assert.False(key.Outputs["publicKeyPem"].IsSecret);
        using var material = PrivateKeyMaterial.FromPem(Text(key.Outputs, "privateKeyPem"));
        Assert.Equal(KeyAlgorithm.EcdsaP256, material.Algorithm);
        Assert.Equal(material.Pin, Text(key.Outputs, "publicKeyPin"));
        Assert.DoesNotContain(PublicStrings(key.Outputs), s => s.Contains("PRIVATE KEY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PrivateKey_RsaWithOddSize_FailsCheckNamingRsaBits()
    {
        var failures = await CheckFailuresAsync(TlsProvider.Create(_time), "tls:index:PrivateKey",
            PropertyMap.Of(("algorithm", "RSA"), ("rsaBits", 1024)));

        Assert.Contains(failures, f => f.Property == "rsaBits");
    }

    [LabFact("openssl")]
    public async Task Chain_ThroughProvider_PassesOpensslStrictVerify()
    {
        var provider = TlsProvider.Create(_time);
        var (rootKey, root) = await SelfSignedCaAsync(provider);
        var interKey = await CreateAsync(provider, "tls:index:PrivateKey", PropertyMap.Empty, "inter-key");
        var interCsr = await CreateAsync(provider, "tls:index:CertRequest", PropertyMap.Of(
            ("privateKeyPem", interKey.Outputs["privateKeyPem"]),
            ("subject", PropertyMap.Of(("commonName", "lab-01 intermediate")))));
        var inter = await CreateAsync(provider, "tls:index:LocallySignedCert", PropertyMap.Of(
            ("certRequestPem", interCsr.Outputs["certRequestPem"]),
            ("caCertPem", root.Outputs["certPem"]),
            ("caPrivateKeyPem", rootKey.Outputs["privateKeyPem"]),
            ("validityPeriodHours", 24 * 365),
            ("isCaCertificate", true),
            ("maxPathLength", 0),
            ("allowedUses", PropertyValue.Array("cert_signing", "crl_signing"))));
        var leafKey = await CreateAsync(provider, "tls:index:PrivateKey", PropertyMap.Of(("algorithm", "RSA")), "leaf-key");
        var leafCsr = await CreateAsync(provider, "tls:index:CertRequest", PropertyMap.Of(
            ("privateKeyPem", leafKey.Outputs["privateKeyPem"]),
            ("subject", PropertyMap.Of(("commonName", "node-1"))),
            ("dnsNames", PropertyValue.Array("node-1")),
            ("ipAddresses", PropertyValue.Array("10.10.0.11"))));
        var leaf = await CreateAsync(provider, "tls:index:LocallySignedCert", PropertyMap.Of(
            ("certRequestPem", leafCsr.Outputs["certRequestPem"]),
            ("caCertPem", inter.Outputs["certPem"]),
            ("caPrivateKeyPem", interKey.Outputs["privateKeyPem"]),
            ("validityPeriodHours", 24 * 90),
            ("allowedUses", PropertyValue.Array("digital_signature", "key_encipherment", "server_auth", "client_auth"))));

        await File.WriteAllTextAsync(Path.Combine(_dir, "root.pem"), Text(root.Outputs, "certPem"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "intermediate.pem"), Text(inter.Outputs, "certPem"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "leaf.pem"), Text(leaf.Outputs, "certPem"));
        var (code, output) = OpenSsl.Run(_dir, "verify", "-x509_strict", "-attime", _time.GetUtcNow().AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-CAfile", "root.pem", "-untrusted", "intermediate.pem", "leaf.pem");
        Assert.True(code == 0, output);
        Assert.Equal(Text(leafKey.Outputs, "publicKeyPin"), Text(leaf.Outputs, "publicKeyPin"));
    }

    [Fact]
    public async Task SelfSignedCert_BeforeRenewalWindow_NoChange()
    {
        var provider = TlsProvider.Create(_time);
        var (key, cert) = await SelfSignedCaAsync(provider);

        _time.Advance(TimeSpan.FromHours(47));
        var diff = await DiffAsync(provider, "tls:index:SelfSignedCert", cert, cert.Inputs);

        Assert.False(diff.RequiresReplace);
        Assert.Equal(Engine.Providers.DiffChanges.None, diff.Changes);
        Assert.NotNull(key.Id);
    }

    [Fact]
    public async Task SelfSignedCert_InsideRenewalWindow_DiffRequiresReplacementWithReason()
    {
        var provider = TlsProvider.Create(_time);
        var (_, cert) = await SelfSignedCaAsync(provider);

        _time.Advance(TimeSpan.FromHours(48));
        var diff = await DiffAsync(provider, "tls:index:SelfSignedCert", cert, cert.Inputs);

        var reason = Assert.Single(diff.ReplaceKeys);
        Assert.Equal("renewalDueTime", reason.Property);
        Assert.Contains("due for renewal", reason.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CertRequest_IpWithLeadingZeros_FailsCheckInsteadOfNamingAnOctalAddress()
    {
        var provider = TlsProvider.Create(_time);
        var key = await CreateAsync(provider, "tls:index:PrivateKey", PropertyMap.Empty);

        var failures = await CheckFailuresAsync(provider, "tls:index:CertRequest", PropertyMap.Of(
            ("privateKeyPem", key.Outputs["privateKeyPem"]),
            ("subject", PropertyMap.Of(("commonName", "node-1"))),
            ("ipAddresses", PropertyValue.Array("010.10.0.11", "fd00::11"))));

        Assert.Equal("ipAddresses", Assert.Single(failures).Property);
    }

    [Fact]
    public async Task SelfSignedCert_EarlyRenewalNotShorterThanValidity_FailsCheck()
    {
        var provider = TlsProvider.Create(_time);
        var key = await CreateAsync(provider, "tls:index:PrivateKey", PropertyMap.Empty);

        var failures = await CheckFailuresAsync(provider, "tls:index:SelfSignedCert", PropertyMap.Of(
            ("privateKeyPem", key.Outputs["privateKeyPem"]),
            ("subject", PropertyMap.Of(("commonName", "x"))),
            ("validityPeriodHours", 10),
            ("earlyRenewalHours", 10)));

        Assert.Contains(failures, f => f.Property == "earlyRenewalHours");
    }

    [Fact]
    public async Task LocallySignedCert_TamperedRequest_FailsCheckOnCertRequestPem()
    {
        var provider = TlsProvider.Create(_time);
        var (rootKey, root) = await SelfSignedCaAsync(provider);

        var failures = await CheckFailuresAsync(provider, "tls:index:LocallySignedCert", PropertyMap.Of(
            ("certRequestPem", "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n"),
            ("caCertPem", root.Outputs["certPem"]),
            ("caPrivateKeyPem", rootKey.Outputs["privateKeyPem"]),
            ("validityPeriodHours", 10)));

        Assert.Contains(failures, f => f.Property == "certRequestPem");
    }

    private static async Task<((string Id, PropertyMap Inputs, PropertyMap Outputs) Key, (string Id, PropertyMap Inputs, PropertyMap Outputs) Cert)> SelfSignedCaAsync(
        Engine.Providers.IResourceProvider provider)
    {
        var key = await CreateAsync(provider, "tls:index:PrivateKey", PropertyMap.Empty, "root-key");
        var cert = await CreateAsync(provider, "tls:index:SelfSignedCert", PropertyMap.Of(
            ("privateKeyPem", key.Outputs["privateKeyPem"]),
            ("subject", PropertyMap.Of(("commonName", "Kubedos Root CA"), ("organizations", PropertyValue.Array("kubedos")))),
            ("validityPeriodHours", 24 * 3650),
            ("earlyRenewalHours", (24 * 3650) - 48),
            ("isCaCertificate", true),
            ("allowedUses", PropertyValue.Array("cert_signing", "crl_signing", "digital_signature"))));
        return (key, cert);
    }
}
