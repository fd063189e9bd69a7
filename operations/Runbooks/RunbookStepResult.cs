namespace Kubedos.Operations.Runbooks;

/// <summary>What one step of a runbook did: when, what it did or renewed, the gates after it, and what went wrong.</summary>
internal sealed record RunbookStepResult(
    RunbookStep Step,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    IReadOnlyList<string> Done,
    IReadOnlyDictionary<string, string> Gates,
    IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;
}
