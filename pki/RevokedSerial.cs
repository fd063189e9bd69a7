namespace Kubedos.Pki;

/// <summary>One entry of a certificate revocation list.</summary>
/// <param name="Serial">The revoked certificate's serial, hex as <see cref="System.Security.Cryptography.X509Certificates.X509Certificate2.SerialNumber"/> gives it.</param>
/// <param name="RevokedAt">When it was revoked.</param>
public sealed record RevokedSerial(string Serial, DateTimeOffset RevokedAt);
