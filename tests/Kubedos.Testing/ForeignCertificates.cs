using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kubedos.Testing;

/// <summary>Client certificates a hostile client would present.</summary>
public static class ForeignCertificates
{
    /// <summary>
    /// A client certificate (with its key) from a CA no cluster ever saw, naming <paramref name="url"/> in its AIA
    /// (issuer and OCSP) and CRL distribution point: building its chain online would dial that URL.
    /// </summary>
    public static X509Certificate2 NamingUrls(string name, string url)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Foreign CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension([url + "ocsp"], [url + "ca.crt"]));
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([url + "ca.crl"]));
        using var leaf = request.Create(ca, now.AddDays(-1), now.AddDays(30), [1, 2, 3, 4]);
        using var withKey = leaf.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
