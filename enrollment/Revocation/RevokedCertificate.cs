namespace Kubedos.Enrollment.Revocation;

/// <summary>One revoked node certificate.</summary>
/// <param name="Serial">Certificate serial, lower-case hex.</param>
/// <param name="Node">The node it was issued to.</param>
/// <param name="RevokedAt">When it was revoked; join tokens minted before this no longer admit the node.</param>
/// <param name="Reason">Why (e.g. <c>compromised</c>, <c>decommissioned</c>).</param>
public sealed record RevokedCertificate(string Serial, string Node, DateTimeOffset RevokedAt, string Reason);
