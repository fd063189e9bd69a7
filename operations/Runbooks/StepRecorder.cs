namespace Kubedos.Operations.Runbooks;

/// <summary>A runbook run's steps as they finish: each kept for the report, appended to the operations log, and shown to who watches.</summary>
internal sealed class StepRecorder(OperationsLog log, string runbook, RunbookOptions options)
{
    private readonly List<RunbookStepResult> results = [];

    /// <summary>Every step recorded, in order.</summary>
    public IReadOnlyList<RunbookStepResult> Results => results;

    /// <summary>Records <paramref name="result"/>; true when the step passed.</summary>
    public async Task<bool> RecordAsync(RunbookStepResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        results.Add(result);
        await log.AppendAsync(result.Finished, runbook, result.Step.Subject, result.Passed ? "done" : "failed",
            $"{result.Step.Kind}: {string.Join("; ", result.Passed ? result.Done : result.Failures)}", new Dictionary<string, string>(), cancellationToken);
        options.OnStep?.Invoke(result.Step, result);
        return result.Passed;
    }
}
