using Kubedos.Enrollment.Audit;

namespace Kubedos.Enrollment.Revocation;

/// <summary><c>kubedos node revoke NODE</c>: revoke every certificate issued to a node and record it in the audit log.</summary>
public static class NodeRevocation
{
    /// <summary>
    /// Revokes all of <paramref name="node"/>'s certificates in the ledger. Afterwards the service refuses
    /// them for renewal and refuses join tokens for the node minted before now.
    /// </summary>
    /// <returns>The certificates newly revoked (empty when the node had none, or all were revoked already).</returns>
    public static async Task<IReadOnlyList<RevokedCertificate>> RevokeAsync(
        string node,
        string reason,
        IssuanceLedger ledger,
        RevocationList revocations,
        AuditLog audit,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(revocations);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var issued = ledger.Of(node);

        // With nothing issued yet a marker entry still revokes the node: tokens minted before now stop working.
        var certificates = issued.Count > 0
            ? issued.Select(c => new RevokedCertificate(c.Serial, node, now, reason)).ToList()
            : [new RevokedCertificate($"node:{node}:{now.ToUnixTimeMilliseconds()}", node, now, reason)];
        var added = revocations.Revoke(certificates);
        await audit.AppendAsync(new AuditRecord(now, "revoke", node, "revoke", reason, new Dictionary<string, string>
        {
            ["serials"] = string.Join(",", added.Select(a => a.Serial)),
        }), cancellationToken);
        return added;
    }
}
