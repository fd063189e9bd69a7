using Kubedos.Enrollment.Audit;
using Kubedos.Enrollment.Revocation;
using Kubedos.Enrollment.Tokens;

namespace Kubedos.Components.Enrollment;

/// <summary>
/// <c>out/&lt;stack&gt;/enrollment/</c>: the enrollment service's state as the operator's machine keeps it: the audit log,
/// the revocation list, the ledger of issued certificates and the join token store. The service reads the revocation
/// list on every request, so <c>kubedos node revoke</c> acts on the next one.
/// </summary>
/// <param name="Path">The directory.</param>
internal sealed record EnrollmentStateDirectory(string Path)
{
    public const string Folder = "enrollment";
    public const string AuditFile = "audit.log";
    public const string RevocationsFile = "revocations.json";
    public const string LedgerFile = "issued.json";
    public const string TokensFile = "tokens.json";

    /// <summary>The state directory of the stack whose files live in <paramref name="outDirectory"/> (<c>out/&lt;stack&gt;</c>).</summary>
    public static EnrollmentStateDirectory Of(string outDirectory) => new(System.IO.Path.Combine(outDirectory, Folder));

    public string AuditPath => System.IO.Path.Combine(Path, AuditFile);

    public string RevocationsPath => System.IO.Path.Combine(Path, RevocationsFile);

    public string LedgerPath => System.IO.Path.Combine(Path, LedgerFile);

    public string TokensPath => System.IO.Path.Combine(Path, TokensFile);

    public AuditLog OpenAudit()
    {
        Directory.CreateDirectory(Path);
        return AuditLog.Open(AuditPath);
    }

    public RevocationList Revocations()
    {
        Directory.CreateDirectory(Path);
        return new RevocationList(RevocationsPath);
    }

    public IssuanceLedger Ledger()
    {
        Directory.CreateDirectory(Path);
        return new IssuanceLedger(LedgerPath);
    }

    public JoinTokenStore Tokens()
    {
        Directory.CreateDirectory(Path);
        return JoinTokenStore.Open(TokensPath);
    }
}
