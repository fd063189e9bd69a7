using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kubedos.Pki;

/// <summary>
/// Public-key pins in kubeadm's format: <c>sha256:&lt;hex of SHA-256 of the DER SubjectPublicKeyInfo&gt;</c>.
/// </summary>
/// <remarks>
/// The same string kubeadm accepts as <c>discovery.bootstrapToken.caCertHashes</c>, so a pin printed
/// by Kubedos can be handed to kubeadm unchanged.
/// </remarks>
public static class SpkiPin
{
    private const string Prefix = "sha256:";

    /// <summary>The pin of a DER-encoded SubjectPublicKeyInfo.</summary>
    public static string OfSubjectPublicKeyInfo(ReadOnlySpan<byte> subjectPublicKeyInfoDer) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfoDer));

    /// <summary>The pin of a certificate's public key.</summary>
    public static string Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return OfSubjectPublicKeyInfo(certificate.PublicKey.ExportSubjectPublicKeyInfo());
    }

    /// <summary>True when <paramref name="pin"/> is well formed (prefix and 64 lower-case hex digits).</summary>
    public static bool IsWellFormed(string? pin) =>
        pin is { Length: 71 } && pin.StartsWith(Prefix, StringComparison.Ordinal)
        && pin.AsSpan(Prefix.Length).ContainsAnyExcept("0123456789abcdef") is false;

    /// <summary>Compares two pins in constant time; case of the hex digits is ignored.</summary>
    public static bool Matches(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var a = System.Text.Encoding.ASCII.GetBytes(expected.ToLowerInvariant());
        var b = System.Text.Encoding.ASCII.GetBytes(actual.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
