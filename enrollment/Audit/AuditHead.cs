using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kubedos.Pki;

namespace Kubedos.Enrollment.Audit;

/// <summary>
/// The signed anchor of an audit log's tail (<c>audit.head</c> beside the log): how many entries it holds and the
/// SHA-256 of the last, signed by the cluster intermediate's key. The chain alone cannot prove its last line;
/// a head whose signer has the pinned CA's key can, offline.
/// </summary>
/// <param name="Entries">How many entries the log held when signed.</param>
/// <param name="Head">SHA-256 (hex) of the last entry (the genesis hash for none).</param>
/// <param name="SignerKey">The signer's DER SubjectPublicKeyInfo; its pin must be the one the verifier trusts.</param>
/// <param name="Signature">The signature over <see cref="SignedBytes"/>.</param>
internal sealed record AuditHead(long Entries, string Head, byte[] SignerKey, byte[] Signature)
{
    private const string Domain = "kubedos-audit-head/1";

    /// <summary>The pin of the key that signed.</summary>
    public string SignerPin => SpkiPin.OfSubjectPublicKeyInfo(SignerKey);

    /// <summary>Signs a head for <paramref name="entries"/> ending at <paramref name="head"/>.</summary>
    public static AuditHead Sign(long entries, string head, PrivateKeyMaterial key) =>
        new(entries, head, key.ExportSubjectPublicKeyInfo(), key.SignData(SignedBytes(entries, head)));

    /// <summary>Reads the head file; null when there is none.</summary>
    /// <exception cref="InvalidDataException">The file is not a head file.</exception>
    public static AuditHead? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            return new AuditHead(
                root.GetProperty("entries").GetInt64(),
                root.GetProperty("head").GetString() ?? throw new InvalidDataException($"{path}: head is null"),
                root.GetProperty("key").GetBytesFromBase64(),
                root.GetProperty("signature").GetBytesFromBase64());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: not an audit head file: {e.Message}", e);
        }
    }

    /// <summary>Writes the head file atomically (a temporary file flushed to disk, then renamed over the old one).</summary>
    public void Write(string path)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteNumber("entries", Entries);
                writer.WriteString("head", Head);
                writer.WriteString("signer", SignerPin);
                writer.WriteBase64String("key", SignerKey);
                writer.WriteBase64String("signature", Signature);
                writer.WriteEndObject();
            }

            stream.WriteByte((byte)'\n');
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Null when the signature verifies with a key whose pin is <paramref name="pin"/>, else why not.</summary>
    public string? Problem(string pin)
    {
        if (!SpkiPin.Matches(pin, SignerPin))
        {
            return $"the head is signed by {SignerPin}, not by the pinned CA {pin}";
        }

        var data = SignedBytes(Entries, Head);
        try
        {
            using var ec = ECDsa.Create();
            ec.ImportSubjectPublicKeyInfo(SignerKey, out _);
            var hash = ec.KeySize > 256 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
            return ec.VerifyData(data, Signature, hash, DSASignatureFormat.Rfc3279DerSequence) ? null : "the head's signature does not verify";
        }
        catch (CryptographicException)
        {
            // Not an EC key: the intermediate may be RSA.
        }

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(SignerKey, out _);
            return rsa.VerifyData(data, Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1) ? null : "the head's signature does not verify";
        }
        catch (CryptographicException e)
        {
            return $"the head's signer key is unreadable: {e.Message}";
        }
    }

    private static byte[] SignedBytes(long entries, string head) =>
        Encoding.UTF8.GetBytes($"{Domain}\n{entries}\n{head}");
}
