using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kubedos.Pki;

/// <summary>Checks that one certificate was signed by another's key (ECDSA or RSA PKCS#1 v1.5, SHA-2).</summary>
/// <remarks>
/// X509Chain on Linux will not end a chain at a trust anchor that is not self-signed (it reports
/// PartialChain), and pinning the cluster intermediate needs exactly that; so the links are checked here.
/// </remarks>
public static class CertificateSignature
{
    /// <summary>True when <paramref name="child"/> names <paramref name="issuer"/> as issuer and its signature verifies with the issuer's key.</summary>
    public static bool IsSignedBy(X509Certificate2 child, X509Certificate2 issuer)
    {
        if (!child.IssuerName.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData))
        {
            return false;
        }

        ReadOnlyMemory<byte> tbs;
        string algorithm;
        byte[] signature;
        try
        {
            var reader = new AsnReader(child.RawData, AsnEncodingRules.DER);
            var certificate = reader.ReadSequence();
            tbs = certificate.ReadEncodedValue();
            var algorithmIdentifier = certificate.ReadSequence();
            algorithm = algorithmIdentifier.ReadObjectIdentifier();
            signature = certificate.ReadBitString(out _);
        }
        catch (AsnContentException)
        {
            return false;
        }

        var hash = algorithm switch
        {
            "1.2.840.10045.4.3.2" or "1.2.840.113549.1.1.11" => HashAlgorithmName.SHA256,
            "1.2.840.10045.4.3.3" or "1.2.840.113549.1.1.12" => HashAlgorithmName.SHA384,
            "1.2.840.10045.4.3.4" or "1.2.840.113549.1.1.13" => HashAlgorithmName.SHA512,
            _ => default,
        };
        if (hash == default)
        {
            return false;
        }

        if (algorithm.StartsWith("1.2.840.10045", StringComparison.Ordinal))
        {
            using var ec = issuer.GetECDsaPublicKey();
            return ec is not null && ec.VerifyData(tbs.Span, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
        }

        using var rsa = issuer.GetRSAPublicKey();
        return rsa is not null && rsa.VerifyData(tbs.Span, signature, hash, RSASignaturePadding.Pkcs1);
    }
}
