using System.Security.Cryptography;

namespace Kubedos.Seal.Attestation;

/// <summary>A seal's public key (P-256 SubjectPublicKeyInfo): verifies DSSE signatures offline.</summary>
public sealed class VerificationKey
{
    private readonly byte[] _spki;

    private VerificationKey(byte[] spki)
    {
        _spki = spki;
        KeyId = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(spki));
    }

    /// <summary><c>sha256:&lt;hex&gt;</c> of the DER SubjectPublicKeyInfo: the key's pin and the DSSE <c>keyid</c>.</summary>
    public string KeyId { get; }

    /// <summary>The key as <c>BEGIN PUBLIC KEY</c> PEM.</summary>
    public string Pem => PemEncoding.WriteString("PUBLIC KEY", _spki) + "\n";

    /// <exception cref="CryptographicException">Not a P-256 public key.</exception>
    public static VerificationKey FromSubjectPublicKeyInfo(ReadOnlySpan<byte> spki)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(spki, out _);
        if (key.KeySize != 256)
        {
            throw new CryptographicException($"a seal key is ECDSA P-256, not a {key.KeySize}-bit curve");
        }

        return new VerificationKey(spki.ToArray());
    }

    /// <summary>Reads a <c>BEGIN PUBLIC KEY</c> PEM.</summary>
    /// <exception cref="CryptographicException">No P-256 public key in the text.</exception>
    public static VerificationKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return FromSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>Whether <paramref name="signature"/> (DER) is this key's signature over SHA-256 of <paramref name="data"/>.</summary>
    public bool Verifies(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(_spki, out _);
        try
        {
            return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public override string ToString() => $"VerificationKey({KeyId})";
}
