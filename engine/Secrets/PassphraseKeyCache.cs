using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Kubedos.Engine.Secrets;

/// <summary>Derives passphrase keys (PBKDF2-HMAC-SHA256, 1,000,000 iterations) once per passphrase and salt.</summary>
/// <remarks>
/// One derivation costs about a second, and a deployment opens the same stack's secrets many
/// times (config, checkpoint load, every save), so keys are derived once and shared. The cache
/// holds only derived keys, indexed by a hash of salt and passphrase, never the passphrase.
/// </remarks>
internal static class PassphraseKeyCache
{
    internal const int Iterations = 1_000_000;
    internal const int KeySize = 32;

    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> Keys = new(StringComparer.Ordinal);

    /// <summary>The 32-byte AES key for this passphrase and salt.</summary>
    internal static byte[] Derive(string passphrase, byte[] salt)
    {
        var index = Index(passphrase, salt);
        var key = Keys.GetOrAdd(
            index,
            _ => new Lazy<byte[]>(
                () => Rfc2898DeriveBytes.Pbkdf2(passphrase, salt, Iterations, HashAlgorithmName.SHA256, KeySize),
                LazyThreadSafetyMode.ExecutionAndPublication));
        return key.Value;
    }

    private static string Index(string passphrase, byte[] salt)
    {
        var input = new byte[salt.Length + System.Text.Encoding.UTF8.GetByteCount(passphrase)];
        salt.CopyTo(input, 0);
        System.Text.Encoding.UTF8.GetBytes(passphrase, input.AsSpan(salt.Length));
        return Convert.ToHexString(SHA256.HashData(input));
    }
}
