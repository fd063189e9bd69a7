using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kubedos.Components.Trust;
using Kubedos.Enrollment.Revocation;
using Kubedos.Pki;

namespace Kubedos.Components.Enrollment;

/// <summary>
/// Revokes a node in a stack's enrollment state (<c>out/&lt;stack&gt;/enrollment/</c>): every certificate the ledger has
/// for it and the identity ClusterTrust issued (<c>out/&lt;stack&gt;/pki/nodes/NODE.pem</c>) go on the revocation list,
/// and the decision into the audit log. The next up hands the list to the service, which refuses the node's old
/// certificates and every token minted before the revocation (<c>kubedos node revoke</c>, the compromised-node runbook).
/// It returns once the clock has left the revocation's second, so whatever is minted afterwards is dated after it.
/// </summary>
internal static class StackRevocation
{
    /// <summary>The certificates revoked now (empty when the node was already revoked).</summary>
    /// <exception cref="KeyNotFoundException">The stack's files know no such node.</exception>
    /// <exception cref="EnrollmentStateFileException">The identity certificate is not readable.</exception>
    public static async Task<IReadOnlyList<RevokedCertificate>> RevokeAsync(string stackOut, string node, string reason, TimeProvider time, CancellationToken cancellationToken)
    {
        var state = EnrollmentStateDirectory.Of(stackOut);
        var ledger = state.Ledger();
        var identity = Path.Combine(stackOut, "pki", PkiDirectory.NodesFolder, $"{node}.pem");
        if (File.Exists(identity))
        {
            // The identity ClusterTrust issued is the node's too: put it in the ledger so revocation by name covers it.
            using var certificate = ReadIdentity(identity, await File.ReadAllTextAsync(identity, cancellationToken));
            var serial = certificate.SerialNumber.ToLowerInvariant();
            if (!ledger.Of(node).Any(c => c.Serial == serial))
            {
                ledger.Record(new IssuedCertificate(serial, node, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime(), SpkiPin.Of(certificate)));
            }
        }

        if (ledger.Of(node).Count == 0)
        {
            throw new KeyNotFoundException($"stack files in {stackOut} know no node '{node}' (no {identity}, nothing issued to it in {state.LedgerPath})");
        }

        var revoked = await NodeRevocation.RevokeAsync(node, reason, ledger, state.Revocations(), state.OpenAudit(), time, cancellationToken);
        await OutlastAsync(revoked, time, cancellationToken);
        return revoked;
    }

    // The service admits a token only when it was minted after the node's last revocation, and a token's time is its
    // certificate's notBefore: whole seconds. A replacement minted in the revocation's own second would read as minted
    // before it and be refused, so this waits until the clock is in a later second (under one second).
    private static async Task OutlastAsync(IReadOnlyList<RevokedCertificate> revoked, TimeProvider time, CancellationToken cancellationToken)
    {
        if (revoked.Count == 0)
        {
            return;
        }

        var last = revoked.Max(r => r.RevokedAt);
        var nextSecond = DateTimeOffset.FromUnixTimeSeconds(last.ToUnixTimeSeconds() + 1);
        var wait = nextSecond - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private static X509Certificate2 ReadIdentity(string path, string pem)
    {
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new EnrollmentStateFileException(path, $"not a PEM certificate ({e.Message}); it is the node identity ClusterTrust issued, written again by the next up", e);
        }
    }
}
