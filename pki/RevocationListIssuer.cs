using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kubedos.Pki;

/// <summary>
/// Issues an X.509 v2 certificate revocation list (RFC 5280 §5) signed by a CA: every entry with the reason
/// keyCompromise, a CRL number, an authority key identifier, thisUpdate and nextUpdate. PEM out (<c>BEGIN X509 CRL</c>),
/// the form etcd's <c>--client-crl-file</c> and <c>--peer-crl-file</c> and <c>openssl crl</c> read.
/// </summary>
public static class RevocationListIssuer
{
    /// <summary>The revocation list <paramref name="issuer"/> signs with <paramref name="issuerKey"/>.</summary>
    /// <exception cref="CertificateRequestException">The issuer is not a CA allowed to sign CRLs, its key is not the certificate's, a serial is not hex, or nextUpdate is not after thisUpdate.</exception>
    public static string Issue(
        X509Certificate2 issuer, PrivateKeyMaterial issuerKey, IReadOnlyList<RevokedSerial> revoked, BigInteger number, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(issuerKey);
        ArgumentNullException.ThrowIfNull(revoked);
        if (issuer.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
        {
            throw new CertificateRequestException($"'{issuer.Subject}' is not a CA certificate (basicConstraints CA:TRUE missing)");
        }

        if (issuer.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.CrlSign))
        {
            throw new CertificateRequestException($"'{issuer.Subject}' may not sign revocation lists (keyUsage cRLSign missing)");
        }

        if (!SpkiPin.Matches(SpkiPin.Of(issuer), issuerKey.Pin))
        {
            throw new CertificateRequestException($"the key given is not the key of '{issuer.Subject}'");
        }

        if (nextUpdate <= thisUpdate)
        {
            throw new CertificateRequestException($"nextUpdate {nextUpdate:O} is not after thisUpdate {thisUpdate:O}");
        }

        var builder = new CertificateRevocationListBuilder();
        foreach (var entry in revoked.DistinctBy(e => e.Serial, StringComparer.OrdinalIgnoreCase).OrderBy(e => e.Serial, StringComparer.OrdinalIgnoreCase))
        {
            builder.AddEntry(SerialBytes(entry.Serial), entry.RevokedAt, X509RevocationReason.KeyCompromise);
        }

        var der = builder.Build(
            issuer.SubjectName, issuerKey.CreateSignatureGenerator(), number, nextUpdate, issuerKey.Hash, CertificateIssuer.AuthorityKeyIdentifier(issuer), thisUpdate);
        return new string(PemEncoding.Write("X509 CRL", der)) + "\n";
    }

    private static byte[] SerialBytes(string serial)
    {
        try
        {
            var bytes = Convert.FromHexString(serial.Length % 2 == 0 ? serial : "0" + serial);
            return bytes.Length > 0 ? bytes : throw new FormatException("empty");
        }
        catch (FormatException)
        {
            throw new CertificateRequestException(string.Create(CultureInfo.InvariantCulture, $"serial '{serial}' is not hex"));
        }
    }
}
