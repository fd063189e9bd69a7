using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kubedos.Pki;

/// <summary>Builds X.509 certificates and requests that pass <c>openssl verify -x509_strict</c>.</summary>
/// <remarks>
/// Strict verification wants: basicConstraints critical on CAs, keyCertSign on CAs, a subject key
/// identifier on every CA, an authority key identifier on every certificate that is not self-signed,
/// positive serials of at most 20 bytes, and named curves. Every certificate built here has them.
/// </remarks>
public static class CertificateIssuer
{
    /// <summary>A self-signed certificate for <paramref name="key"/>.</summary>
    public static X509Certificate2 SelfSign(PrivateKeyMaterial key, CertificateProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(profile);
        ThrowOnProblems(profile);
        var request = key.CreateRequest(SubjectName(profile));
        AddExtensions(request, profile, request.PublicKey, authorityKeyIdentifier: null);
        var (notBefore, notAfter) = Validity(profile, now);
        return request.Create(request.SubjectName, key.CreateSignatureGenerator(), notBefore, notAfter, NewSerial());
    }

    /// <summary>A PKCS#10 certificate request (PEM) for <paramref name="key"/>, carrying the profile's subject and SANs.</summary>
    public static string CreateSigningRequestPem(PrivateKeyMaterial key, CertificateProfile profile)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(profile);
        var request = key.CreateRequest(SubjectName(profile));
        var san = SubjectAlternativeNames(profile);
        if (san is not null)
        {
            request.CertificateExtensions.Add(san);
        }

        return request.CreateSigningRequestPem();
    }

    /// <summary>Reads a PEM certificate request and verifies its self-signature.</summary>
    /// <exception cref="CertificateRequestException">The text is not a request, or its signature does not verify.</exception>
    public static SigningRequest ReadSigningRequest(string csrPem)
    {
        ArgumentNullException.ThrowIfNull(csrPem);
        CertificateRequest request;
        try
        {
            // Loading verifies the signature: a request that was not signed by its own key is refused here.
            request = CertificateRequest.LoadSigningRequestPem(
                csrPem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        }
        catch (CryptographicException e)
        {
            throw new CertificateRequestException($"the certificate request is invalid or its signature does not verify: {e.Message}", e);
        }

        var dns = new List<string>();
        var ips = new List<string>();
        foreach (var san in request.CertificateExtensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            dns.AddRange(san.EnumerateDnsNames());
            ips.AddRange(san.EnumerateIPAddresses().Select(a => a.ToString()));
        }

        var commonName = CommonNameOf(request.SubjectName);
        return new SigningRequest(request.SubjectName, commonName, request.PublicKey, dns, ips);
    }

    /// <summary>
    /// A certificate for <paramref name="subjectKey"/> signed by the CA. Subject and SANs come from
    /// <paramref name="profile"/>, never from the requester, so the issuer decides what it vouches for.
    /// </summary>
    /// <exception cref="CertificateRequestException">The issuer is not a CA, or the profile asks for more than it may give.</exception>
    public static X509Certificate2 Sign(
        PublicKey subjectKey,
        CertificateProfile profile,
        X509Certificate2 issuerCertificate,
        PrivateKeyMaterial issuerKey,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subjectKey);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(issuerCertificate);
        ArgumentNullException.ThrowIfNull(issuerKey);
        ThrowOnProblems(profile);
        CheckIssuer(issuerCertificate, issuerKey, profile);
        var (notBefore, notAfter) = Validity(profile, now);
        if (notAfter > issuerCertificate.NotAfter.ToUniversalTime())
        {
            throw new CertificateRequestException(
                $"the certificate would outlive its issuer '{issuerCertificate.Subject}' (issuer valid until {issuerCertificate.NotAfter.ToUniversalTime():O}, requested until {notAfter:O})");
        }

        var request = new CertificateRequest(SubjectName(profile), subjectKey, issuerKey.Hash);
        AddExtensions(request, profile, subjectKey, AuthorityKeyIdentifier(issuerCertificate));
        return request.Create(issuerCertificate.SubjectName, issuerKey.CreateSignatureGenerator(), notBefore, notAfter, NewSerial());
    }

    /// <summary>The certificate as PEM.</summary>
    public static string ToPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.ExportCertificatePem() + "\n";
    }

    private static void ThrowOnProblems(CertificateProfile profile)
    {
        var problems = profile.Problems();
        if (problems.Count > 0)
        {
            throw new CertificateRequestException(string.Join("; ", problems.Select(p => $"{p.Property}: {p.Reason}")));
        }
    }

    private static void CheckIssuer(X509Certificate2 issuer, PrivateKeyMaterial issuerKey, CertificateProfile profile)
    {
        var constraints = issuer.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is not { CertificateAuthority: true })
        {
            throw new CertificateRequestException($"'{issuer.Subject}' is not a CA certificate (basicConstraints CA:TRUE missing)");
        }

        if (profile.IsCertificateAuthority && constraints.HasPathLengthConstraint && constraints.PathLengthConstraint == 0)
        {
            throw new CertificateRequestException($"'{issuer.Subject}' has path length 0 and may not sign another CA");
        }

        if (!SpkiPin.Matches(SpkiPin.Of(issuer), issuerKey.Pin))
        {
            throw new CertificateRequestException($"the CA private key does not belong to the CA certificate '{issuer.Subject}'");
        }
    }

    private static (DateTimeOffset NotBefore, DateTimeOffset NotAfter) Validity(CertificateProfile profile, DateTimeOffset now)
    {
        // Whole seconds: X.509 times carry no fractions, so outputs and renewal arithmetic agree exactly.
        var notBefore = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        return (notBefore, notBefore.AddHours(profile.ValidityHours));
    }

    private static X500DistinguishedName SubjectName(CertificateProfile profile)
    {
        var builder = new X500DistinguishedNameBuilder();
        foreach (var organization in profile.Organizations)
        {
            builder.AddOrganizationName(organization);
        }

        if (profile.CommonName.Length > 0)
        {
            builder.AddCommonName(profile.CommonName);
        }

        return builder.Build();
    }

    private static void AddExtensions(
        CertificateRequest request, CertificateProfile profile, PublicKey subjectKey, X509Extension? authorityKeyIdentifier)
    {
        var extensions = request.CertificateExtensions;
        extensions.Add(new X509BasicConstraintsExtension(
            profile.IsCertificateAuthority, profile.PathLength is not null, profile.PathLength ?? 0, critical: true));
        var keyUsage = CertificateUses.KeyUsageFlags(profile.AllowedUses);
        if (keyUsage != X509KeyUsageFlags.None)
        {
            extensions.Add(new X509KeyUsageExtension(keyUsage, critical: true));
        }

        var extended = CertificateUses.ExtendedKeyUsageOids(profile.AllowedUses);
        if (extended.Count > 0)
        {
            extensions.Add(new X509EnhancedKeyUsageExtension(extended, critical: false));
        }

        var san = SubjectAlternativeNames(profile);
        if (san is not null)
        {
            extensions.Add(san);
        }

        extensions.Add(new X509SubjectKeyIdentifierExtension(subjectKey, critical: false));
        if (authorityKeyIdentifier is not null)
        {
            extensions.Add(authorityKeyIdentifier);
        }
    }

    private static X509Extension? SubjectAlternativeNames(CertificateProfile profile)
    {
        if (profile.DnsNames.Count == 0 && profile.IpAddresses.Count == 0)
        {
            return null;
        }

        var builder = new SubjectAlternativeNameBuilder();
        foreach (var dns in profile.DnsNames)
        {
            builder.AddDnsName(dns);
        }

        foreach (var ip in profile.IpAddresses)
        {
            builder.AddIpAddress(IPAddress.Parse(ip));
        }

        // RFC 5280 4.2.1.6: with an empty subject the SAN extension must be critical.
        return builder.Build(critical: profile.CommonName.Length == 0 && profile.Organizations.Count == 0);
    }

    internal static X509AuthorityKeyIdentifierExtension AuthorityKeyIdentifier(X509Certificate2 issuer)
    {
        var ski = issuer.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault();
        return ski is not null
            ? X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(ski)
            : X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(
                new X509SubjectKeyIdentifierExtension(issuer.PublicKey, critical: false));
    }

    private static byte[] NewSerial()
    {
        // 16 random bytes, high bit clear so the DER INTEGER is positive, never zero-led.
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }

    private static string CommonNameOf(X500DistinguishedName name) =>
        name.EnumerateRelativeDistinguishedNames()
            .Where(r => r.GetSingleElementType().Value == "2.5.4.3")
            .Select(r => r.GetSingleElementValue() ?? string.Empty)
            .LastOrDefault() ?? string.Empty;
}
