using System.Security.Cryptography;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Pki;

namespace Kubedos.Providers.Tls;

/// <summary>Inputs of <c>tls:index:SelfSignedCert</c> (a root CA, or a self-signed leaf).</summary>
internal sealed record SelfSignedCertInputs(
    [property: Secret] string PrivateKeyPem,
    int ValidityPeriodHours,
    CertificateSubjectArgs? Subject = null,
    int EarlyRenewalHours = 0,
    bool IsCaCertificate = false,
    int? MaxPathLength = null,
    IReadOnlyList<string>? AllowedUses = null,
    IReadOnlyList<string>? DnsNames = null,
    IReadOnlyList<string>? IpAddresses = null)
{
    public CertificateProfile Profile() => new(
        Subject?.CommonName ?? string.Empty,
        Subject?.Organizations ?? [],
        ValidityPeriodHours,
        IsCaCertificate,
        MaxPathLength,
        AllowedUses ?? [],
        DnsNames ?? [],
        IpAddresses ?? []);
}

/// <summary><c>tls:index:SelfSignedCert</c>: replaced when it enters its early-renewal window.</summary>
internal sealed class SelfSignedCertHandler(TimeProvider time) : ResourceHandler<SelfSignedCertInputs, CertificateOutputs>
{
    public override string Type => "tls:index:SelfSignedCert";

    protected override IEnumerable<CheckFailure> Validate(SelfSignedCertInputs inputs) =>
        inputs.Profile().Problems().Select(p => new CheckFailure(p.Property, p.Reason))
            .Concat(KeyProblems(inputs.PrivateKeyPem, "privateKeyPem"))
            .Concat(EarlyRenewalProblems(inputs.EarlyRenewalHours, inputs.ValidityPeriodHours));

    protected override DiffResponse Diff(DiffRequest request) =>
        RenewalDiff.Apply(base.Diff(request), request.OldOutputs, "renewalDueTime", time.GetUtcNow(), "the certificate");

    protected override Task<LiveResource<CertificateOutputs>> CreateAsync(Urn urn, SelfSignedCertInputs inputs, CancellationToken cancellationToken)
    {
        using var key = ReadKey(urn, inputs.PrivateKeyPem, "privateKeyPem");
        using var certificate = Issue(urn, () => CertificateIssuer.SelfSign(key, inputs.Profile(), time.GetUtcNow()));
        var outputs = CertificateOutputs.Of(certificate, inputs.EarlyRenewalHours);
        return Task.FromResult(new LiveResource<CertificateOutputs>(outputs.SerialNumber, outputs));
    }

    protected override Task<LiveResource<CertificateOutputs>?> ReadAsync(
        Urn urn, string? id, SelfSignedCertInputs inputs, CertificateOutputs? outputs, CancellationToken cancellationToken) =>
        Task.FromResult(id is null || outputs is null ? null : new LiveResource<CertificateOutputs>(id, outputs));

    protected override Task DeleteAsync(Urn urn, string id, SelfSignedCertInputs inputs, CertificateOutputs outputs, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Problems reading a private key input; the message never quotes the key.</summary>
    internal static IEnumerable<CheckFailure> KeyProblems(string pem, string property)
    {
        try
        {
            using var key = PrivateKeyMaterial.FromPem(pem);
            return [];
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return [new CheckFailure(property, "is not a PEM ECDSA (P-256/P-384) or RSA (2048/4096) private key")];
        }
    }

    /// <summary>Problems with the signing CA's inputs (its key, its certificate) and the renewal window of what it signs.</summary>
    internal static IEnumerable<CheckFailure> SignerProblems(string caCertPem, string caPrivateKeyPem, int earlyRenewalHours, int validityHours)
    {
        var failures = new List<CheckFailure>();
        failures.AddRange(KeyProblems(caPrivateKeyPem, "caPrivateKeyPem"));
        failures.AddRange(EarlyRenewalProblems(earlyRenewalHours, validityHours));
        try
        {
            using var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(caCertPem);
        }
        catch (CryptographicException)
        {
            failures.Add(new CheckFailure("caCertPem", "is not a PEM certificate"));
        }

        return failures;
    }

    internal static IEnumerable<CheckFailure> EarlyRenewalProblems(int earlyRenewalHours, int validityHours)
    {
        if (earlyRenewalHours < 0 || earlyRenewalHours >= validityHours)
        {
            yield return new CheckFailure(
                "earlyRenewalHours", $"must be between 0 and the validity period ({validityHours} h), got {earlyRenewalHours}");
        }
    }

    internal static PrivateKeyMaterial ReadKey(Urn urn, string pem, string property)
    {
        try
        {
            return PrivateKeyMaterial.FromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new ProviderException(urn, property, "is not a usable private key");
        }
    }

    internal static System.Security.Cryptography.X509Certificates.X509Certificate2 Issue(
        Urn urn, Func<System.Security.Cryptography.X509Certificates.X509Certificate2> issue)
    {
        try
        {
            return issue();
        }
        catch (CertificateRequestException e)
        {
            throw new ProviderException(urn, null, e.Message, e);
        }
    }
}
