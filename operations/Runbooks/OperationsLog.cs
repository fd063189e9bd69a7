using Kubedos.Enrollment.Audit;

namespace Kubedos.Operations.Runbooks;

/// <summary>
/// <c>out/&lt;stack&gt;/logs/operations.log</c>: every runbook run's start, steps and end, hash-chained like the enrollment
/// audit log (<c>kubedos audit verify</c> walks it; the seal records its head and carries it into the bundle's <c>logs/</c>).
/// </summary>
internal sealed class OperationsLog(string outDirectory)
{
    public string Path { get; } = System.IO.Path.Combine(outDirectory, "logs", "operations.log");

    /// <summary>Appends one entry: <paramref name="subject"/> is the node or <c>operator</c> a step is about, else the stack.</summary>
    public async Task AppendAsync(DateTimeOffset at, string runbook, string subject, string decision, string reason, IReadOnlyDictionary<string, string> details, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await AuditLog.Open(Path).AppendAsync(new AuditRecord(at, $"runbook:{runbook}", subject, decision, reason, details), cancellationToken);
    }

    /// <summary>The log's head hash (its last entry's), or null when it has none.</summary>
    public string? Head() => File.Exists(Path) ? AuditLog.Verify(Path).HeadHash : null;
}
