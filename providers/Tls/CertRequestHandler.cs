using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Pki;

namespace Kubedos.Providers.Tls;

/// <summary>Inputs of <c>tls:index:CertRequest</c>.</summary>
internal sealed record CertRequestInputs(
    [property: Secret] string PrivateKeyPem,
    CertificateSubjectArgs? Subject = null,
    IReadOnlyList<string>? DnsNames = null,
    IReadOnlyList<string>? IpAddresses = null)
{
    public CertificateProfile Profile() =>
        CertificateProfile.Leaf(Subject?.CommonName ?? string.Empty, 1) with
        {
            Organizations = Subject?.Organizations ?? [],
            DnsNames = DnsNames ?? [],
            IpAddresses = IpAddresses ?? [],
        };
}

/// <summary>Outputs of <c>tls:index:CertRequest</c>.</summary>
internal sealed record CertRequestOutputs(string CertRequestPem, string PublicKeyPin);

/// <summary><c>tls:index:CertRequest</c>: a PKCS#10 request signed by the key, for a CA to sign.</summary>
internal sealed class CertRequestHandler : ResourceHandler<CertRequestInputs, CertRequestOutputs>
{
    public override string Type => "tls:index:CertRequest";

    protected override IEnumerable<CheckFailure> Validate(CertRequestInputs inputs) =>
        inputs.Profile().Problems().Select(p => new CheckFailure(p.Property, p.Reason))
            .Concat(SelfSignedCertHandler.KeyProblems(inputs.PrivateKeyPem, "privateKeyPem"));

    protected override Task<LiveResource<CertRequestOutputs>> CreateAsync(Urn urn, CertRequestInputs inputs, CancellationToken cancellationToken)
    {
        using var key = SelfSignedCertHandler.ReadKey(urn, inputs.PrivateKeyPem, "privateKeyPem");
        var csr = CertificateIssuer.CreateSigningRequestPem(key, inputs.Profile());
        var id = Sha256Hex.Of(csr);
        return Task.FromResult(new LiveResource<CertRequestOutputs>(id, new CertRequestOutputs(csr, key.Pin)));
    }

    protected override Task<LiveResource<CertRequestOutputs>?> ReadAsync(
        Urn urn, string? id, CertRequestInputs inputs, CertRequestOutputs? outputs, CancellationToken cancellationToken) =>
        Task.FromResult(id is null || outputs is null ? null : new LiveResource<CertRequestOutputs>(id, outputs));

    protected override Task DeleteAsync(Urn urn, string id, CertRequestInputs inputs, CertRequestOutputs outputs, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
