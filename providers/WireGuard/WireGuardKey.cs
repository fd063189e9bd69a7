using NSec.Cryptography;

namespace Kubedos.Providers.WireGuard;

/// <summary>WireGuard keys in wg(8)'s format: 32 bytes, standard base64 (44 characters).</summary>
public static class WireGuardKey
{
    /// <summary>A fresh X25519 key pair: (private key, public key), both base64. The private key is a secret.</summary>
    public static (string PrivateKey, string PublicKey) GeneratePair()
    {
        var exportable = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        using var key = Key.Create(KeyAgreementAlgorithm.X25519, in exportable);
        var privateKey = key.Export(KeyBlobFormat.RawPrivateKey);
        try
        {
            return (Convert.ToBase64String(privateKey), Convert.ToBase64String(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>The public key of a base64 private key, as <c>wg pubkey</c> prints it.</summary>
    /// <exception cref="FormatException">The text is not 32 bytes of base64.</exception>
    public static string PublicKeyOf(string privateKey)
    {
        var raw = Decode(privateKey, "private key");
        try
        {
            // X25519 clamps the scalar itself, so an unclamped private key gives wg's answer too.
            using var key = Key.Import(KeyAgreementAlgorithm.X25519, raw, KeyBlobFormat.RawPrivateKey);
            return Convert.ToBase64String(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(raw);
        }
    }

    /// <summary>A preshared key for a peer pair (32 random bytes, as <c>wg genpsk</c>).</summary>
    public static string GeneratePresharedKey() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>True when the text is a well-formed WireGuard key (32 bytes of standard base64).</summary>
    public static bool IsWellFormed(string? key)
    {
        if (key is not { Length: 44 })
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[33];
        return Convert.TryFromBase64String(key, buffer, out var written) && written == 32;
    }

    private static byte[] Decode(string key, string what)
    {
        if (!IsWellFormed(key))
        {
            throw new FormatException($"a WireGuard {what} is 32 bytes in standard base64 (44 characters)");
        }

        return Convert.FromBase64String(key);
    }
}
