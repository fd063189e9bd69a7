using Kubedos.Enrollment.Audit;
using Kubedos.Enrollment.Revocation;
using Kubedos.Enrollment.Service;

namespace Kubedos.Components.Enrollment;

/// <summary>
/// <c>out/&lt;stack&gt;/enrollment/</c>: the enrollment service's state as the operator's machine keeps it: the audit log,
/// the revocation list and the ledger of issued certificates, under the service's own file names (<see cref="ServiceState"/>).
/// The service reads the revocation list on every request, so <c>kubedos node revoke</c> acts on the next one.
/// </summary>
/// <param name="Path">The directory.</param>
internal sealed record EnrollmentStateDirectory(string Path)
{
    /// <summary>The state directory of the stack whose files live in <paramref name="outDirectory"/> (<c>out/&lt;stack&gt;</c>).</summary>
    public static EnrollmentStateDirectory Of(string outDirectory) => new(System.IO.Path.Combine(outDirectory, "enrollment"));

    public string AuditPath => System.IO.Path.Combine(Path, ServiceState.AuditFile);

    public string RevocationsPath => System.IO.Path.Combine(Path, ServiceState.RevocationsFile);

    public string LedgerPath => System.IO.Path.Combine(Path, ServiceState.LedgerFile);

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
}
