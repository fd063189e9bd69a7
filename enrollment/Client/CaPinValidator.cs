using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Kubedos.Pki;

namespace Kubedos.Enrollment.Client;

/// <summary>
/// Accepts a server only if its certificate leads, by verified signatures through the certificates it
/// presented, to a CA certificate whose SPKI pin is the expected one; every certificate on the way must
/// be in its validity period, the CAs must be CAs, the leaf must be for server authentication and name
/// the host dialled.
/// </summary>
internal static class CaPinValidator
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    /// <summary>Null when the server is the pinned cluster's, else why not.</summary>
    public static string? Problem(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, string expectedPin, DateTimeOffset now)
    {
        if (certificate is null)
        {
            return "the server presented no certificate";
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return "the server certificate does not name the address dialled";
        }

        using var leaf = new X509Certificate2(certificate);
        var candidates = new List<X509Certificate2>();
        if (presented is not null)
        {
            candidates.AddRange(presented.ChainPolicy.ExtraStore);
            candidates.AddRange(presented.ChainElements.Select(e => e.Certificate));
        }

        if (!candidates.Any(c => IsCa(c) && SpkiPin.Matches(expectedPin, SpkiPin.Of(c))))
        {
            return $"no CA certificate the server presented has the pin {expectedPin}: this is not the cluster's enrollment service";
        }

        if (!leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Any(e => e.EnhancedKeyUsages[ServerAuth] is not null))
        {
            return "the server certificate is not for server authentication";
        }

        // Walk up from the leaf, one verified signature at a time, until the pinned CA signs.
        var current = leaf;
        for (var depth = 0; depth < 5; depth++)
        {
            if (!IsValidAt(current, now))
            {
                return $"'{current.Subject}' is outside its validity period";
            }

            var issuer = candidates.FirstOrDefault(c => IsCa(c) && IsValidAt(c, now) && CertificateSignature.IsSignedBy(current, c));
            if (issuer is null)
            {
                return $"no presented CA certificate signed '{current.Subject}': the chain to the pinned CA is broken";
            }

            if (SpkiPin.Matches(expectedPin, SpkiPin.Of(issuer)))
            {
                return null;
            }

            current = issuer;
        }

        return "the chain to the pinned CA is longer than any Kubedos issues";
    }

    private static bool IsCa(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);

    private static bool IsValidAt(X509Certificate2 certificate, DateTimeOffset now) =>
        now.UtcDateTime >= certificate.NotBefore.ToUniversalTime() && now.UtcDateTime <= certificate.NotAfter.ToUniversalTime();
}
