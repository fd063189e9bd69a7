using System.Net;
using System.Security.Cryptography.X509Certificates;
using Kubedos.Enrollment.Audit;
using Kubedos.Enrollment.Revocation;
using Kubedos.Enrollment.Tokens;
using Kubedos.Pki;

namespace Kubedos.Enrollment.Service;

/// <summary>
/// Decides every enrollment and renewal, issues the certificate when admitted, and writes every decision
/// (admit or reject, and why) to the audit log. Transport-free: the service feeds it what TLS established.
/// </summary>
/// <remarks>
/// Every audit write is made with <see cref="CancellationToken.None"/>: a decision was made whether or not the client
/// stays to hear it, and a write the client's disconnect cut short would leave a line the chain does not cover.
/// Refusals go through <see cref="RefusalLog"/> (repeated ones counted); every admission is written.
/// </remarks>
internal sealed class EnrollmentGate(
    ClusterAuthority authority,
    NodeInventory inventory,
    JoinTokenStore tokens,
    RevocationList revocations,
    IssuanceLedger ledger,
    AuditLog audit,
    RefusalLog refusals,
    EnrollmentOptions options,
    TimeProvider time)
{
    /// <summary>Refuses a request whose body was not read or not understood (too large, not JSON, wrong content type).</summary>
    public async Task<EnrollmentResponse> RefuseAsync(string what, IPAddress? source, string reason, string message)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["source"] = SourceOf(source) };
        return await RejectAsync(what, string.Empty, reason, message, details, time.GetUtcNow(), CancellationToken.None);
    }

    /// <summary>Admits or rejects a first join.</summary>
    public async Task<EnrollmentResponse> EnrollAsync(EnrollmentRequest request, IPAddress? source, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["source"] = SourceOf(source),
            ["address"] = RequestLimits.Capped(request.Address),
            ["tokenId"] = RequestLimits.Capped(request.TokenId),
        };
        var node = RequestLimits.Capped(request.Node);
        if (RequestLimits.EnrollmentProblem(request) is { } shape)
        {
            return await RejectAsync("enroll", node, EnrollmentRejection.MalformedRequest, shape, details, now, cancellationToken);
        }

        var (rejection, message) = CheckJoin(request, source, now);
        if (rejection is not null)
        {
            return await RejectAsync("enroll", node, rejection, message!, details, now, cancellationToken);
        }

        SigningRequest csr;
        try
        {
            csr = CertificateIssuer.ReadSigningRequest(request.CsrPem);
        }
        catch (CertificateRequestException e)
        {
            return await RejectAsync("enroll", node, EnrollmentRejection.BadCsr, e.Message, details, now, cancellationToken);
        }

        if (csr.CommonName != node)
        {
            return await RejectAsync("enroll", node, EnrollmentRejection.CsrNameMismatch,
                $"the request names '{csr.CommonName}', not the node '{node}'", details, now, cancellationToken);
        }

        // Spend the token last, atomically: of two racing joins with one token only one wins.
        if (!tokens.TryConsume(request.TokenId!, now))
        {
            return await RejectAsync("enroll", node, EnrollmentRejection.TokenUsed, "the join token was already used", details, now, cancellationToken);
        }

        return await AdmitAsync("enroll", node, csr, details, now, cancellationToken);
    }

    /// <summary>Rotates an enrolled node to a new key; the old certificate stays valid until it expires (overlap).</summary>
    public async Task<EnrollmentResponse> RenewAsync(RenewalRequest request, X509Certificate2? client, IPAddress? source, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["source"] = SourceOf(source), ["identity"] = Unauthenticated };
        if (client is null)
        {
            return await RejectAsync("renew", string.Empty, EnrollmentRejection.NoClientCertificate,
                "renewal needs the node's current certificate as TLS client certificate", details, now, cancellationToken);
        }

        // Until the chain verifies, the certificate's name and serial are the client's say-so: logged apart, capped.
        var claimed = client.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var serial = client.SerialNumber.ToLowerInvariant();
        if (!IssuedByThisCluster(client, now))
        {
            details["claimedNode"] = RequestLimits.Capped(claimed);
            details["claimedSerial"] = RequestLimits.Capped(serial);
            return await RejectAsync("renew", string.Empty, EnrollmentRejection.UntrustedClientCertificate,
                "the client certificate was not issued by this cluster's CA or is outside its validity", details, now, cancellationToken);
        }

        var node = claimed;
        details["identity"] = node;
        details["serial"] = serial;
        if (RequestLimits.CsrProblem(request.CsrPem) is { } shape)
        {
            return await RejectAsync("renew", node, EnrollmentRejection.MalformedRequest, shape, details, now, cancellationToken);
        }

        // A node revoked by name (kubedos node revoke away from the service's ledger) loses every certificate issued before.
        if (revocations.IsRevoked(serial) || revocations.LastRevocationOf(node) is { } revokedAt && revokedAt >= client.NotBefore.ToUniversalTime())
        {
            return await RejectAsync("renew", node, EnrollmentRejection.CertificateRevoked, $"certificate {serial} is revoked", details, now, cancellationToken);
        }

        if (!inventory.Declares(node))
        {
            return await RejectAsync("renew", node, EnrollmentRejection.UndeclaredNode, $"'{node}' is no longer in the inventory", details, now, cancellationToken);
        }

        SigningRequest csr;
        try
        {
            csr = CertificateIssuer.ReadSigningRequest(request.CsrPem);
        }
        catch (CertificateRequestException e)
        {
            return await RejectAsync("renew", node, EnrollmentRejection.BadCsr, e.Message, details, now, cancellationToken);
        }

        if (csr.CommonName != node)
        {
            return await RejectAsync("renew", node, EnrollmentRejection.CsrNameMismatch,
                $"the request names '{csr.CommonName}', not the node '{node}'", details, now, cancellationToken);
        }

        if (SpkiPin.Matches(csr.PublicKeyPin, SpkiPin.Of(client)))
        {
            return await RejectAsync("renew", node, EnrollmentRejection.KeyReused, "rotation needs a new key, not the current one", details, now, cancellationToken);
        }

        return await AdmitAsync("renew", node, csr, details, now, cancellationToken);
    }

    private (string? Rejection, string? Message) CheckJoin(EnrollmentRequest request, IPAddress? source, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(request.Node) || request.CsrPem is null)
        {
            return (EnrollmentRejection.MalformedRequest, "the request needs node and csrPem");
        }

        if (string.IsNullOrEmpty(request.TokenId) || string.IsNullOrEmpty(request.Proof))
        {
            return (EnrollmentRejection.MissingToken, "no join token was presented");
        }

        if (!inventory.Declares(request.Node))
        {
            return (EnrollmentRejection.UndeclaredNode, $"'{request.Node}' is not a node the inventory declares");
        }

        if (!IPAddress.TryParse(request.Address, out var claimed) || !inventory.Declares(request.Node, claimed))
        {
            return (EnrollmentRejection.UndeclaredAddress, $"'{request.Address}' is not an address declared for '{request.Node}'");
        }

        if (options.RequireSourceAddress && (source is null || !Normalize(source).Equals(claimed)))
        {
            return (EnrollmentRejection.SourceAddressMismatch, $"the connection comes from {source}, not from {claimed}");
        }

        var token = tokens.Find(request.TokenId);
        if (token is null)
        {
            return (EnrollmentRejection.UnknownToken, "the join token is not one this service issued");
        }

        if (!JoinTokenProof.Verify(request.Proof, token.Secret, authority.CaPin, request.Node, request.Address, request.CsrPem))
        {
            return (EnrollmentRejection.BadProof, "the token proof does not verify: wrong token secret, or the token was used against another CA");
        }

        if (token.Node != request.Node)
        {
            return (EnrollmentRejection.TokenForOtherNode, $"the join token was issued for another node, not '{request.Node}'");
        }

        if (token.UsedAt is not null)
        {
            return (EnrollmentRejection.TokenUsed, $"the join token was already used at {token.UsedAt:O}");
        }

        if (now > token.IssuedAt + options.JoinWindow)
        {
            return (EnrollmentRejection.JoinWindowExpired,
                $"the join window of {options.JoinWindow.TotalMinutes:0} minutes closed at {token.IssuedAt + options.JoinWindow:O}");
        }

        if (revocations.LastRevocationOf(request.Node) is { } revokedAt && revokedAt >= token.IssuedAt)
        {
            return (EnrollmentRejection.NodeRevoked, $"'{request.Node}' was revoked at {revokedAt:O}; only a token minted after that admits it");
        }

        return (null, null);
    }

    private async Task<EnrollmentResponse> AdmitAsync(
        string what, string node, SigningRequest csr, Dictionary<string, string> details, DateTimeOffset now, CancellationToken cancellationToken)
    {
        X509Certificate2 issued;
        try
        {
            issued = authority.IssueNode(csr.PublicKey, node, inventory.AddressesOf(node), options.NodeCertificateLifetime, now);
        }
        catch (CertificateRequestException e)
        {
            return await RejectAsync(what, node, EnrollmentRejection.CannotIssue, $"the cluster CA cannot issue: {e.Message}", details, now, cancellationToken);
        }

        using var certificate = issued;
        var serial = certificate.SerialNumber.ToLowerInvariant();
        ledger.Record(new IssuedCertificate(
            serial, node, new DateTimeOffset(certificate.NotBefore.ToUniversalTime()), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()), csr.PublicKeyPin));
        details["issuedSerial"] = serial;
        details["keyPin"] = csr.PublicKeyPin;
        await audit.AppendAsync(new AuditRecord(now, what, node, "admit", "admitted", details), CancellationToken.None);
        return new EnrollmentResponse(true, "admitted", $"'{node}' admitted; certificate {serial} valid until {certificate.NotAfter.ToUniversalTime():O}",
            CertificateIssuer.ToPem(certificate), authority.ChainPem, serial);
    }

    private async Task<EnrollmentResponse> RejectAsync(
        string what, string node, string reason, string message, Dictionary<string, string> details, DateTimeOffset now, CancellationToken cancellationToken)
    {
        details["message"] = message;
        await refusals.RecordAsync(new AuditRecord(now, what, node, "reject", reason, details), details["source"]);
        return new EnrollmentResponse(false, reason, message);
    }

    private bool IssuedByThisCluster(X509Certificate2 client, DateTimeOffset now)
    {
        using var chain = new X509Chain { ChainPolicy = OfflineChainPolicy.Trusting(authority, now) };
        return chain.Build(client)
            && chain.ChainElements.Count >= 2
            && chain.ChainElements[1].Certificate.Thumbprint == authority.Intermediate.Thumbprint;
    }

    private const string Unauthenticated = "unauthenticated";

    private static string SourceOf(IPAddress? source) => source is null ? "unknown" : Normalize(source).ToString();

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
