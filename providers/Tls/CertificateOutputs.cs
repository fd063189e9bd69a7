using System.Security.Cryptography.X509Certificates;
using Kubedos.Pki;

namespace Kubedos.Providers.Tls;

/// <summary>Outputs shared by the certificate resources.</summary>
/// <param name="CertPem">The certificate, PEM.</param>
/// <param name="SerialNumber">Hex serial (what a revocation list names).</param>
/// <param name="ValidityStartTime">notBefore.</param>
/// <param name="ValidityEndTime">notAfter.</param>
/// <param name="RenewalDueTime">When the certificate enters its early-renewal window and is replaced on the next up.</param>
/// <param name="PublicKeyPin">The kubeadm-style pin of the certificate's key.</param>
internal sealed record CertificateOutputs(
    string CertPem,
    string SerialNumber,
    DateTimeOffset ValidityStartTime,
    DateTimeOffset ValidityEndTime,
    DateTimeOffset RenewalDueTime,
    string PublicKeyPin)
{
    public static CertificateOutputs Of(X509Certificate2 certificate, int earlyRenewalHours)
    {
        var end = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        return new CertificateOutputs(
            CertificateIssuer.ToPem(certificate),
            certificate.SerialNumber.ToLowerInvariant(),
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime()),
            end,
            RenewalWindow.DueAt(end, TimeSpan.FromHours(earlyRenewalHours)),
            SpkiPin.Of(certificate));
    }
}
