namespace Kubedos.Enrollment.Service;

/// <summary>Stable reason codes for refusing a node; they appear in responses and in the audit log.</summary>
public static class EnrollmentRejection
{
    public const string MissingToken = "missing-token";
    public const string UndeclaredNode = "undeclared-node";
    public const string UndeclaredAddress = "undeclared-address";
    public const string SourceAddressMismatch = "source-address-mismatch";
    public const string UnknownToken = "unknown-token";
    public const string BadProof = "bad-token-proof";
    public const string TokenForOtherNode = "token-for-other-node";
    public const string TokenUsed = "token-used";
    public const string JoinWindowExpired = "join-window-expired";
    public const string NodeRevoked = "node-revoked";
    public const string BadCsr = "bad-csr";
    public const string CsrNameMismatch = "csr-name-mismatch";
    public const string MalformedRequest = "malformed-request";
    public const string NoClientCertificate = "no-client-certificate";
    public const string UntrustedClientCertificate = "untrusted-client-certificate";
    public const string CertificateRevoked = "certificate-revoked";
    public const string KeyReused = "key-reused";
    public const string CannotIssue = "ca-cannot-issue";
    public const string BodyTooLarge = "body-too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";
}
