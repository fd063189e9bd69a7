namespace Kubedos.Components.Acceptance;

/// <summary>Every gate's results, and whether all passed.</summary>
internal sealed record AcceptanceVerdict(IReadOnlyList<string> Gates, IReadOnlyList<ProbeResult> Results)
{
    public bool Passed => Failures.Count == 0 && Gates.All(g => Results.Any(r => r.Gate == g) || g == ProbePlan.BackplaneMatrix);

    public IReadOnlyList<ProbeResult> Failures => [.. Results.Where(r => !r.Passed)];

    public bool GatePassed(string gate) => Results.Where(r => r.Gate == gate).All(r => r.Passed);

    /// <summary>One line per gate, then one per failed probe (naming the node pair).</summary>
    public string Summary()
    {
        var lines = Gates.Select(g => $"{g}: {(GatePassed(g) ? "passed" : "FAILED")} ({Results.Count(r => r.Gate == g)} probes)").ToList();
        lines.AddRange(Failures.Select(f => f.ToString()));
        return string.Join('\n', lines);
    }
}
