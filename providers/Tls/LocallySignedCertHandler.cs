using System.Security.Cryptography.X509Certificates;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Pki;

namespace Kubedos.Providers.Tls;

/// <summary>Inputs of <c>tls:index:LocallySignedCert</c>: subject and SANs come from the request.</summary>
internal sealed record LocallySignedCertInputs(
    string CertRequestPem,
    string CaCertPem,
    [property: Secret] string CaPrivateKeyPem,
    int ValidityPeriodHours,
    int EarlyRenewalHours = 0,
    bool IsCaCertificate = false,
    int? MaxPathLength = null,
    IReadOnlyList<string>? AllowedUses = null);

/// <summary><c>tls:index:LocallySignedCert</c>: a certificate signed by a CA whose key is in the program; renewed in its window.</summary>
internal sealed class LocallySignedCertHandler(TimeProvider time) : ResourceHandler<LocallySignedCertInputs, CertificateOutputs>
{
    public override string Type => "tls:index:LocallySignedCert";

    protected override IEnumerable<CheckFailure> Validate(LocallySignedCertInputs inputs)
    {
        var failures = SelfSignedCertHandler.SignerProblems(inputs.CaCertPem, inputs.CaPrivateKeyPem, inputs.EarlyRenewalHours, inputs.ValidityPeriodHours).ToList();
        try
        {
            var request = CertificateIssuer.ReadSigningRequest(inputs.CertRequestPem);
            failures.AddRange(Profile(inputs, request).Problems().Select(p => new CheckFailure(p.Property, p.Reason)));
        }
        catch (CertificateRequestException e)
        {
            failures.Add(new CheckFailure("certRequestPem", e.Message));
        }

        return failures;
    }

    protected override DiffResponse Diff(DiffRequest request) =>
        RenewalDiff.Apply(base.Diff(request), request.OldOutputs, "renewalDueTime", time.GetUtcNow(), "the certificate");

    protected override Task<LiveResource<CertificateOutputs>> CreateAsync(Urn urn, LocallySignedCertInputs inputs, CancellationToken cancellationToken)
    {
        using var caKey = SelfSignedCertHandler.ReadKey(urn, inputs.CaPrivateKeyPem, "caPrivateKeyPem");
        using var ca = X509Certificate2.CreateFromPem(inputs.CaCertPem);
        using var certificate = SelfSignedCertHandler.Issue(urn, () =>
        {
            var request = CertificateIssuer.ReadSigningRequest(inputs.CertRequestPem);
            return CertificateIssuer.Sign(request.PublicKey, Profile(inputs, request), ca, caKey, time.GetUtcNow());
        });
        var outputs = CertificateOutputs.Of(certificate, inputs.EarlyRenewalHours);
        return Task.FromResult(new LiveResource<CertificateOutputs>(outputs.SerialNumber, outputs));
    }

    protected override Task<LiveResource<CertificateOutputs>?> ReadAsync(
        Urn urn, string? id, LocallySignedCertInputs inputs, CertificateOutputs? outputs, CancellationToken cancellationToken) =>
        Task.FromResult(id is null || outputs is null ? null : new LiveResource<CertificateOutputs>(id, outputs));

    protected override Task DeleteAsync(Urn urn, string id, LocallySignedCertInputs inputs, CertificateOutputs outputs, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    private static CertificateProfile Profile(LocallySignedCertInputs inputs, SigningRequest request)
    {
        var organizations = request.Subject.EnumerateRelativeDistinguishedNames()
            .Where(r => r.GetSingleElementType().Value == "2.5.4.10")
            .Select(r => r.GetSingleElementValue() ?? string.Empty)
            .ToList();
        return new CertificateProfile(
            request.CommonName,
            organizations,
            inputs.ValidityPeriodHours,
            inputs.IsCaCertificate,
            inputs.MaxPathLength,
            inputs.AllowedUses ?? [],
            request.DnsNames,
            request.IpAddresses);
    }
}
