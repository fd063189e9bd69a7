using System.Security.Cryptography;
using System.Text;

namespace Kubedos.Enrollment.Tokens;

/// <summary>
/// Proof of holding a join token, bound to the CA pin the client verified, the node, its address and
/// its request: HMAC-SHA256 keyed by the token secret. The secret itself never crosses the wire, and a
/// proof captured by an impostor service (another CA pin) is worthless to the real one.
/// </summary>
public static class JoinTokenProof
{
    /// <summary>The proof (base64) for these facts.</summary>
    public static string Compute(string tokenSecret, string caPin, string node, string address, string csrPem)
    {
        ArgumentNullException.ThrowIfNull(tokenSecret);
        var message = $"kubedos-enroll-v1\n{caPin}\n{node}\n{address}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(csrPem)))}";
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(tokenSecret), Encoding.UTF8.GetBytes(message)));
    }

    /// <summary>True when <paramref name="proof"/> is the proof for these facts (constant time).</summary>
    public static bool Verify(string proof, string tokenSecret, string caPin, string node, string address, string csrPem)
    {
        var expected = Encoding.ASCII.GetBytes(Compute(tokenSecret, caPin, node, address, csrPem));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(proof ?? string.Empty));
    }
}
