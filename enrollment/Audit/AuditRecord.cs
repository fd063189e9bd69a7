namespace Kubedos.Enrollment.Audit;

/// <summary>One decision the trust machinery made: who, what, and why.</summary>
/// <param name="Time">When it was decided.</param>
/// <param name="Event">What was asked: <c>enroll</c>, <c>renew</c>, <c>revoke</c>, <c>token</c>; <c>audit</c> for the log's own repairs.</param>
/// <param name="Node">The node concerned (as claimed, capped, for a refused enrollment; empty for an unauthenticated renewal).</param>
/// <param name="Decision"><c>admit</c>, <c>reject</c>, <c>revoke</c>, or <c>recover</c> (the log cut off a torn line or re-anchored its head).</param>
/// <param name="Reason">A stable reason code (see <see cref="Service.EnrollmentRejection"/>) or what was done.</param>
/// <param name="Details">Context: source address, token id, certificate serial; never secrets.</param>
public sealed record AuditRecord(
    DateTimeOffset Time,
    string Event,
    string Node,
    string Decision,
    string Reason,
    IReadOnlyDictionary<string, string> Details);
