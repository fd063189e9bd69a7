using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Kubedos.Engine.Secrets;

/// <summary>Pulumi's passphrase secrets provider: PBKDF2-HMAC-SHA256 key, AES-256-GCM values.</summary>
/// <remarks>
/// Ciphertext is <c>v1:&lt;base64 nonce&gt;:&lt;base64 ciphertext+tag&gt;</c> with a random 12-byte nonce.
/// The stack file keeps <see cref="EncryptionSalt"/> = <c>v1:&lt;base64 salt&gt;:&lt;ciphertext of "pulumi"&gt;</c>,
/// which lets <see cref="FromEncryptionSalt"/> tell a wrong passphrase from corrupt data.
/// Thread-safe: each call creates its own cipher.
/// </remarks>
public sealed class PassphraseSecretsProvider : ISecretsProvider
{
    /// <summary>The provider type name in a checkpoint's <c>secrets_providers</c>.</summary>
    public const string TypeName = "passphrase";

    private const string Version = "v1";
    private const string CheckWord = "pulumi";
    private const int SaltSize = 8;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] key;

    private PassphraseSecretsProvider(byte[] key, string encryptionSalt)
    {
        this.key = key;
        EncryptionSalt = encryptionSalt;
    }

    /// <summary>The value of <c>encryptionsalt</c> in <c>Pulumi.&lt;stack&gt;.yaml</c>.</summary>
    public string EncryptionSalt { get; }

    /// <summary>A provider for a new stack: a fresh random salt, its key derived from <paramref name="passphrase"/>.</summary>
    public static PassphraseSecretsProvider Create(string passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var key = PassphraseKeyCache.Derive(passphrase, salt);
        var check = EncryptWith(key, CheckWord);
        return new PassphraseSecretsProvider(key, $"{Version}:{Convert.ToBase64String(salt)}:{check}");
    }

    /// <summary>Opens an existing stack's secrets from its <c>encryptionsalt</c>.</summary>
    /// <exception cref="IncorrectPassphraseException">The passphrase is not the stack's.</exception>
    /// <exception cref="SecretsException">The salt is malformed.</exception>
    public static PassphraseSecretsProvider FromEncryptionSalt(string encryptionSalt, string passphrase)
    {
        ArgumentNullException.ThrowIfNull(encryptionSalt);
        ArgumentNullException.ThrowIfNull(passphrase);

        // v1:<salt>:v1:<nonce>:<ct>; the check ciphertext itself contains colons.
        var parts = encryptionSalt.Split(':', 3);
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new SecretsException($"malformed encryptionsalt '{encryptionSalt}': expected {Version}:<base64 salt>:<ciphertext>");
        }

        var salt = FromBase64(parts[1], "encryptionsalt salt");
        var key = PassphraseKeyCache.Derive(passphrase, salt);
        string check;
        try
        {
            check = DecryptWith(key, parts[2]);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new IncorrectPassphraseException(new IncorrectPassphraseException().Message, e);
        }

        if (check != CheckWord)
        {
            throw new IncorrectPassphraseException();
        }

        return new PassphraseSecretsProvider(key, encryptionSalt);
    }

    /// <summary>Opens <paramref name="encryptionSalt"/> when given, else creates a new salt; the passphrase comes from <paramref name="source"/>.</summary>
    public static PassphraseSecretsProvider Open(string? encryptionSalt, PassphraseSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var passphrase = source.Read();
        return encryptionSalt is null ? Create(passphrase) : FromEncryptionSalt(encryptionSalt, passphrase);
    }

    /// <summary>The checkpoint's <c>secrets_providers</c> entry: <c>{"type": "passphrase", "state": {"salt": ...}}</c>.</summary>
    public JsonObject ToCheckpointState() => new()
    {
        ["type"] = TypeName,
        ["state"] = new JsonObject { ["salt"] = EncryptionSalt },
    };

    /// <inheritdoc />
    public string Encrypt(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return EncryptWith(key, plaintext);
    }

    /// <inheritdoc />
    public string Decrypt(string ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        try
        {
            return DecryptWith(key, ciphertext);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new SecretsException("cannot decrypt a secret: it was encrypted with another stack's key or was altered", e);
        }
    }

    private static string EncryptWith(byte[] key, string plaintext)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[plain.Length + TagSize];
        using (var aes = new AesGcm(key, TagSize))
        {
            // Go's gcm.Seal (Pulumi) appends the tag to the ciphertext; we keep that layout.
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length));
        }

        return $"{Version}:{Convert.ToBase64String(nonce)}:{Convert.ToBase64String(sealedBytes)}";
    }

    private static string DecryptWith(byte[] key, string ciphertext)
    {
        var parts = ciphertext.Split(':');
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new SecretsException("malformed ciphertext: expected v1:<base64 nonce>:<base64 ciphertext>");
        }

        var nonce = FromBase64(parts[1], "ciphertext nonce");
        var sealedBytes = FromBase64(parts[2], "ciphertext");
        if (nonce.Length != NonceSize || sealedBytes.Length < TagSize)
        {
            throw new SecretsException("malformed ciphertext: wrong nonce or ciphertext length");
        }

        var plainLength = sealedBytes.Length - TagSize;
        var plain = new byte[plainLength];
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Decrypt(nonce, sealedBytes.AsSpan(0, plainLength), sealedBytes.AsSpan(plainLength), plain);
        }

        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] FromBase64(string text, string what)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException e)
        {
            throw new SecretsException($"malformed {what}: not base64", e);
        }
    }
}
