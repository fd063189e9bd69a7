using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kubedos.Pki;

/// <summary>An ECDSA or RSA private key, with the encodings the tls provider outputs.</summary>
/// <remarks>The private PEM is PKCS#8 (<c>BEGIN PRIVATE KEY</c>), which openssl, kubeadm and Go all read.</remarks>
public sealed class PrivateKeyMaterial : IDisposable
{
    private readonly AsymmetricAlgorithm _key;

    private PrivateKeyMaterial(KeyAlgorithm algorithm, AsymmetricAlgorithm key)
    {
        Algorithm = algorithm;
        _key = key;
    }

    /// <summary>What kind of key this is.</summary>
    public KeyAlgorithm Algorithm { get; }

    /// <summary>Generates a fresh key.</summary>
    public static PrivateKeyMaterial Generate(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.EcdsaP256 => new(algorithm, ECDsa.Create(ECCurve.NamedCurves.nistP256)),
        KeyAlgorithm.EcdsaP384 => new(algorithm, ECDsa.Create(ECCurve.NamedCurves.nistP384)),
        KeyAlgorithm.Rsa2048 => new(algorithm, RSA.Create(2048)),
        KeyAlgorithm.Rsa4096 => new(algorithm, RSA.Create(4096)),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unknown key algorithm"),
    };

    /// <summary>Reads a PKCS#8, SEC1 (<c>EC PRIVATE KEY</c>) or PKCS#1 (<c>RSA PRIVATE KEY</c>) PEM key.</summary>
    /// <exception cref="CryptographicException">The text holds no key of a supported kind.</exception>
    public static PrivateKeyMaterial FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (pem.Contains("RSA PRIVATE KEY", StringComparison.Ordinal))
        {
            return FromRsaPem(pem);
        }

        if (pem.Contains("EC PRIVATE KEY", StringComparison.Ordinal))
        {
            return FromEcPem(pem);
        }

        // PKCS#8 does not say its algorithm in the armour: try EC first (the default), then RSA.
        try
        {
            return FromEcPem(pem);
        }
        catch (CryptographicException)
        {
            return FromRsaPem(pem);
        }
    }

    /// <summary>The private key as PKCS#8 PEM. A secret.</summary>
    public string ExportPrivateKeyPem() => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>The public key as <c>BEGIN PUBLIC KEY</c> PEM (SubjectPublicKeyInfo).</summary>
    public string ExportPublicKeyPem() => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>The DER SubjectPublicKeyInfo.</summary>
    public byte[] ExportSubjectPublicKeyInfo() => _key.ExportSubjectPublicKeyInfo();

    /// <summary>The kubeadm-style pin of the public key.</summary>
    public string Pin => SpkiPin.OfSubjectPublicKeyInfo(ExportSubjectPublicKeyInfo());

    /// <summary>The digest that goes with this key in signatures.</summary>
    internal HashAlgorithmName Hash =>
        Algorithm == KeyAlgorithm.EcdsaP384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;

    /// <summary>A certificate request whose subject key is this key.</summary>
    internal CertificateRequest CreateRequest(X500DistinguishedName subject) => _key switch
    {
        ECDsa ec => new CertificateRequest(subject, ec, Hash),
        RSA rsa => new CertificateRequest(subject, rsa, Hash, RSASignaturePadding.Pkcs1),
        _ => throw new InvalidOperationException("unsupported key type"),
    };

    /// <summary>A generator that signs with this key (for certificates issued by it).</summary>
    internal X509SignatureGenerator CreateSignatureGenerator() => _key switch
    {
        ECDsa ec => X509SignatureGenerator.CreateForECDsa(ec),
        RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
        _ => throw new InvalidOperationException("unsupported key type"),
    };

    /// <summary>Signs <paramref name="data"/> with this key (ECDSA as a DER sequence, RSA PKCS#1 v1.5; SHA-384 for P-384, else SHA-256).</summary>
    public byte[] SignData(ReadOnlySpan<byte> data) => _key switch
    {
        ECDsa ec => ec.SignData(data, Hash, DSASignatureFormat.Rfc3279DerSequence),
        RSA rsa => rsa.SignData(data.ToArray(), Hash, RSASignaturePadding.Pkcs1),
        _ => throw new InvalidOperationException("unsupported key type"),
    };

    /// <summary>Joins this key to a certificate for its public key (for TLS servers and clients).</summary>
    public X509Certificate2 AttachTo(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return _key switch
        {
            ECDsa ec => certificate.CopyWithPrivateKey(ec),
            RSA rsa => certificate.CopyWithPrivateKey(rsa),
            _ => throw new InvalidOperationException("unsupported key type"),
        };
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();

    private static PrivateKeyMaterial FromEcPem(string pem)
    {
        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            var algorithm = ec.KeySize switch
            {
                256 => KeyAlgorithm.EcdsaP256,
                384 => KeyAlgorithm.EcdsaP384,
                _ => throw new CryptographicException($"unsupported ECDSA key size {ec.KeySize}"),
            };
            return new PrivateKeyMaterial(algorithm, ec);
        }
        catch
        {
            ec.Dispose();
            throw;
        }
    }

    private static PrivateKeyMaterial FromRsaPem(string pem)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            var algorithm = rsa.KeySize switch
            {
                2048 => KeyAlgorithm.Rsa2048,
                4096 => KeyAlgorithm.Rsa4096,
                _ => throw new CryptographicException($"unsupported RSA key size {rsa.KeySize}"),
            };
            return new PrivateKeyMaterial(algorithm, rsa);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }
}
