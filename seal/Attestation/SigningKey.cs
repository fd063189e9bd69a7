using System.Security.Cryptography;

namespace Kubedos.Seal.Attestation;

/// <summary>The seal's private key: ECDSA P-256, signing SHA-256 digests with DER signatures (what openssl and cosign read).</summary>
/// <remarks>Made offline by <c>kubedos pki init-signing-key</c>; it reaches the seal as a secret and is never written by it.</remarks>
public sealed class SigningKey : IDisposable
{
    private readonly ECDsa _key;

    private SigningKey(ECDsa key)
    {
        _key = key;
        Public = VerificationKey.FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The public half: what the bundle carries and a recipient verifies with.</summary>
    public VerificationKey Public { get; }

    /// <summary>A fresh P-256 key.</summary>
    public static SigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Reads a PKCS#8 or SEC1 PEM private key.</summary>
    /// <exception cref="CryptographicException">The text holds no ECDSA key, or one on another curve than P-256.</exception>
    public static SigningKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.KeySize != 256)
            {
                throw new CryptographicException($"the signing key must be ECDSA P-256, not a {key.KeySize}-bit curve");
            }

            return new SigningKey(key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The private key as PKCS#8 PEM. A secret.</summary>
    public string ExportPrivateKeyPem() => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>Signs SHA-256 of <paramref name="data"/>; the signature is an ASN.1 DER sequence (r, s).</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose() => _key.Dispose();

    public override string ToString() => $"SigningKey({Public.KeyId})";
}
