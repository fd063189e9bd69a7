using System.Security.Cryptography;

namespace Kubedos.Providers.Command;

/// <summary>SSH host key fingerprints as <c>ssh-keygen -l</c> prints them: <c>SHA256:&lt;unpadded base64&gt;</c>.</summary>
public static class SshHostKeyPin
{
    private const string Prefix = "SHA256:";

    /// <summary>The fingerprint of a host key blob (the wire-format public key).</summary>
    public static string Of(ReadOnlySpan<byte> hostKeyBlob) =>
        Prefix + Convert.ToBase64String(SHA256.HashData(hostKeyBlob)).TrimEnd('=');

    /// <summary>The fingerprint of an OpenSSH public key line (<c>ssh-ed25519 AAAA... comment</c>).</summary>
    /// <exception cref="FormatException">The line is not an OpenSSH public key.</exception>
    public static string OfPublicKeyLine(string publicKeyLine)
    {
        ArgumentNullException.ThrowIfNull(publicKeyLine);
        var parts = publicKeyLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            throw new FormatException("an OpenSSH public key line reads '<type> <base64> [comment]'");
        }

        return Of(Convert.FromBase64String(parts[1]));
    }

    /// <summary>True when the fingerprint is well formed (the prefix and 43 base64 characters).</summary>
    public static bool IsWellFormed(string? fingerprint) =>
        fingerprint is { Length: 50 } && fingerprint.StartsWith(Prefix, StringComparison.Ordinal)
        && Convert.TryFromBase64String(fingerprint[Prefix.Length..] + "=", new byte[32], out var written) && written == 32;

    /// <summary>Compares two fingerprints exactly, in constant time (base64 is case-sensitive).</summary>
    public static bool Matches(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(expected ?? string.Empty),
            System.Text.Encoding.ASCII.GetBytes(actual ?? string.Empty));
}
