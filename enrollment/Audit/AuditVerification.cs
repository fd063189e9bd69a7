namespace Kubedos.Enrollment.Audit;

/// <summary>The result of checking an audit log's hash chain.</summary>
/// <param name="IsValid">True when every entry is intact and in order.</param>
/// <param name="Entries">How many entries were read.</param>
/// <param name="FirstBadLine">The 1-based line where the chain first breaks (null when valid).</param>
/// <param name="Problem">What is wrong there, in words.</param>
/// <param name="HeadHash">SHA-256 (hex) of the last line: publish it elsewhere to detect truncation.</param>
public sealed record AuditVerification(bool IsValid, int Entries, int? FirstBadLine, string? Problem, string HeadHash);
