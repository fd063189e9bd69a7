using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Providers.Tls;
using Kubedos.Testing;
using Microsoft.Extensions.Time.Testing;
using static Kubedos.Providers.Tests.Tls.ProviderCalls;

namespace Kubedos.Providers.Tests.Tls;

public sealed class RevocationListTests : IDisposable
{
    private const string Type = RevocationList.TypeToken;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-crlp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [LabFact("openssl")]
    public async Task Create_ThenRevokeMore_UpdatesInPlaceUnderTheNextNumber_OpensslVerifiesEach()
    {
        var provider = TlsProvider.Create(_time);
        var (key, ca) = await CaAsync(provider);
        var created = await CreateAsync(provider, Type, Inputs(key, ca, []));
        Assert.Equal(1, created.Outputs["number"].AsNumber());
        Assert.Empty(created.Outputs["serials"].AsArray());

        var revoked = Inputs(key, ca, [("0A1B2C", "2026-11-23T11:00:00.0000000+00:00"), ("7f", "2026-11-23T11:30:00.0000000+00:00")]);
        var diff = await DiffAsync(provider, Type, created, revoked);
        Assert.Equal(DiffChanges.Some, diff.Changes);
        Assert.False(diff.RequiresReplace);
        var check = await provider.CheckAsync(new CheckRequest(UrnOf(Type, "r"), Type, created.Inputs, revoked), CancellationToken.None);
        var updated = await provider.UpdateAsync(new UpdateRequest(UrnOf(Type, "r"), Type, created.Id, created.Inputs, created.Outputs, check.Inputs, Preview: false), CancellationToken.None);

        Assert.Equal(2, updated.Outputs["number"].AsNumber());
        Assert.Equal(["0a1b2c", "7f"], updated.Outputs["serials"].AsArray().Select(v => v.AsString()));
        await File.WriteAllTextAsync(Path.Combine(_dir, "ca.pem"), Text(ca.Outputs, "certPem"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "crl.pem"), Text(updated.Outputs, "crlPem"));
        var (code, output) = OpenSsl.Run(_dir, "crl", "-in", "crl.pem", "-CAfile", "ca.pem", "-noout", "-text");
        Assert.True(code == 0, output);
        Assert.Contains("verify OK", output, StringComparison.Ordinal);
        Assert.Contains("Serial Number: 0A1B2C", output, StringComparison.Ordinal);
        Assert.Contains("Serial Number: 7F", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_SameInputs_NoChangeUntilTheRenewalWindow_ThenAnUpdateNotAReplacement()
    {
        var provider = TlsProvider.Create(_time);
        var (key, ca) = await CaAsync(provider);
        var created = await CreateAsync(provider, Type, Inputs(key, ca, []));

        _time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(DiffChanges.None, (await DiffAsync(provider, Type, created, created.Inputs)).Changes);

        _time.Advance(TimeSpan.FromHours(1));
        var due = await DiffAsync(provider, Type, created, created.Inputs);
        Assert.Equal(DiffChanges.Some, due.Changes);
        Assert.Contains("renewalDueTime", due.ChangedKeys);
        Assert.False(due.RequiresReplace);
    }

    [Fact]
    public async Task Check_BadSerialOrTime_NamesTheEntry()
    {
        var provider = TlsProvider.Create(_time);
        var (key, ca) = await CaAsync(provider);

        var failures = await CheckFailuresAsync(provider, Type, Inputs(key, ca, [("12", "2026-11-23T11:00:00Z"), ("cp-3", "yesterday")]));

        Assert.Contains(failures, f => f.Property == "revoked[1].serial" && f.Reason.Contains("'cp-3' is not a hex serial", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Property == "revoked[1].revokedAt");
        Assert.DoesNotContain(failures, f => f.Property.StartsWith("revoked[0]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_CaWithoutCrlSigning_FailsNamingTheRule()
    {
        var provider = TlsProvider.Create(_time);
        var key = await CreateAsync(provider, "tls:index:PrivateKey", PropertyMap.Empty, "ca-key");
        var ca = await CreateAsync(provider, "tls:index:SelfSignedCert", PropertyMap.Of(
            ("privateKeyPem", key.Outputs["privateKeyPem"]),
            ("subject", PropertyMap.Of(("commonName", "sign-only"))),
            ("validityPeriodHours", 24 * 30),
            ("isCaCertificate", true),
            ("allowedUses", PropertyValue.Array("cert_signing"))));

        var error = await Assert.ThrowsAsync<ProviderException>(() => CreateAsync(provider, Type, Inputs(key, ca, [])));

        Assert.Contains("cRLSign", error.Message, StringComparison.Ordinal);
    }

    private static PropertyMap Inputs((string Id, PropertyMap Inputs, PropertyMap Outputs) key, (string Id, PropertyMap Inputs, PropertyMap Outputs) ca, (string Serial, string At)[] revoked) =>
        PropertyMap.Of(
            ("caCertPem", ca.Outputs["certPem"]),
            ("caPrivateKeyPem", key.Outputs["privateKeyPem"]),
            ("revoked", PropertyValue.Array([.. revoked.Select(r => (PropertyValue)PropertyMap.Of(("serial", r.Serial), ("revokedAt", r.At)))])),
            ("validityPeriodHours", 72),
            ("earlyRenewalHours", 48));

    private static async Task<((string Id, PropertyMap Inputs, PropertyMap Outputs) Key, (string Id, PropertyMap Inputs, PropertyMap Outputs) Ca)> CaAsync(IResourceProvider provider)
    {
        var key = await CreateAsync(provider, "tls:index:PrivateKey", PropertyMap.Empty, "ca-key");
        var ca = await CreateAsync(provider, "tls:index:SelfSignedCert", PropertyMap.Of(
            ("privateKeyPem", key.Outputs["privateKeyPem"]),
            ("subject", PropertyMap.Of(("commonName", "etcd-ca"))),
            ("validityPeriodHours", 24 * 365),
            ("isCaCertificate", true),
            ("allowedUses", PropertyValue.Array("cert_signing", "crl_signing", "digital_signature"))));
        return (key, ca);
    }
}
