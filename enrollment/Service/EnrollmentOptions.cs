namespace Kubedos.Enrollment.Service;

/// <summary>How the enrollment service gates and what it issues.</summary>
/// <param name="JoinWindow">How long a join token admits after it was minted (spec <c>security.enrollment.joinWindowMinutes</c>).</param>
/// <param name="NodeCertificateLifetime">Node certificate lifetime (spec <c>security.rotation.nodeCertDays</c>).</param>
/// <param name="RequireSourceAddress">Also require the TCP source address to be the address the node claims.</param>
public sealed record EnrollmentOptions(TimeSpan JoinWindow, TimeSpan NodeCertificateLifetime, bool RequireSourceAddress = true)
{
    /// <summary>Within this window, refusals of one kind from one source after the first are counted, not each logged.</summary>
    public TimeSpan RefusalWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Options from the spec's minutes and days.</summary>
    public static EnrollmentOptions FromSpec(int joinWindowMinutes, int nodeCertDays) =>
        new(TimeSpan.FromMinutes(joinWindowMinutes), TimeSpan.FromDays(nodeCertDays));
}
