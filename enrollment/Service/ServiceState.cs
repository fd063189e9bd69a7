using System.Net;
using System.Text.Json;
using Kubedos.Enrollment.Audit;
using Kubedos.Enrollment.Revocation;
using Kubedos.Enrollment.Tokens;
using Kubedos.Pki;

namespace Kubedos.Enrollment.Service;

/// <summary>
/// The files an enrollment service runs from (what <c>kubedos-agent serve --state DIR</c> reads): the CA
/// (root and intermediate certificates, the intermediate key), the declared inventory, the join tokens, and the
/// revocation list, ledger and audit log it keeps. The Enrollment stage places them; the renderers here produce them.
/// </summary>
/// <param name="Directory">The state directory.</param>
public sealed record ServiceState(string Directory)
{
    public const string RootFile = "root-ca.pem";
    public const string IntermediateFile = "intermediate-ca.pem";
    public const string IntermediateKeyFile = "intermediate-ca.key";
    public const string InventoryFile = "inventory.json";
    public const string TokensFile = "tokens.json";
    public const string RevocationsFile = "revocations.json";
    public const string LedgerFile = "issued.json";
    public const string AuditFile = "audit.log";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string PathOf(string file) => System.IO.Path.Combine(Directory, file);

    /// <summary>The inventory file's text: node name to the addresses it may enroll with.</summary>
    public static string RenderInventory(IReadOnlyDictionary<string, IReadOnlyList<string>> nodes) =>
        JsonSerializer.Serialize(nodes.OrderBy(n => n.Key, StringComparer.Ordinal).ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal), Json);

    /// <summary>The token store's text, seeded with tokens minted elsewhere (the stack's); each token's join window starts at its <c>IssuedAt</c>.</summary>
    public static string RenderTokens(IEnumerable<(string Node, string JoinToken, DateTimeOffset IssuedAt)> tokens) =>
        JsonSerializer.Serialize(
            tokens.Select(t =>
            {
                var token = JoinToken.Parse(t.JoinToken);
                return new IssuedJoinToken(token.Id, token.Secret, t.Node, t.IssuedAt, null);
            }).ToList(),
            Json);

    /// <summary>Starts the service on <paramref name="endpoint"/> from these files.</summary>
    public async Task<EnrollmentService> StartAsync(IPEndPoint endpoint, EnrollmentOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        var authority = ClusterAuthority.FromPem(
            await File.ReadAllTextAsync(PathOf(RootFile), cancellationToken),
            await File.ReadAllTextAsync(PathOf(IntermediateFile), cancellationToken),
            await File.ReadAllTextAsync(PathOf(IntermediateKeyFile), cancellationToken));
        var declared = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(await File.ReadAllTextAsync(PathOf(InventoryFile), cancellationToken), Json)
            ?? throw new FormatException($"{PathOf(InventoryFile)} is empty");
        var inventory = new NodeInventory(declared.ToDictionary(
            n => n.Key, n => (IReadOnlyList<IPAddress>)[.. n.Value.Select(IPAddress.Parse)], StringComparer.Ordinal));
        return await EnrollmentService.StartAsync(
            endpoint,
            authority,
            inventory,
            JoinTokenStore.Open(PathOf(TokensFile)),
            new RevocationList(PathOf(RevocationsFile)),
            new IssuanceLedger(PathOf(LedgerFile)),
            AuditLog.Open(PathOf(AuditFile), authority.Key, time),
            options,
            time,
            cancellationToken);
    }
}
