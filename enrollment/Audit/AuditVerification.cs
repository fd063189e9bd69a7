namespace Kubedos.Enrollment.Audit;

/// <summary>The result of checking an audit log's hash chain (and, when an anchor was given, its tail).</summary>
/// <param name="IsValid">True when every entry is intact and in order, and the anchor (when given) matches the last entry.</param>
/// <param name="Entries">How many entries were read.</param>
/// <param name="FirstBadLine">The 1-based line where the chain first breaks (null when valid).</param>
/// <param name="Problem">What is wrong there, in words.</param>
/// <param name="HeadHash">SHA-256 (hex) of the last line: publish it elsewhere to detect truncation.</param>
/// <param name="Anchor">What proved the last entry (the head hash given, or the signed head and its signer's pin); null when
/// nothing did: the chain is consistent but its last line could have been edited, appended or cut off unseen.</param>
public sealed record AuditVerification(bool IsValid, int Entries, int? FirstBadLine, string? Problem, string HeadHash, string? Anchor = null)
{
    /// <summary>True when the tail is proven too: valid and anchored.</summary>
    public bool IsAnchored => IsValid && Anchor is not null;
}
