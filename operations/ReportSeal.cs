using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;

namespace Kubedos.Operations;

/// <summary>
/// The end of every drill and runbook: its report is written into <c>out/&lt;stack&gt;/</c>, then one more up seals it into the
/// recovery bundle (the report changes the seal's inputs, nothing else changes). A failed seal is a failure of the run,
/// written into the report again.
/// </summary>
internal static class ReportSeal
{
    public static async Task<(TReport Report, string Path)> WriteAndSealAsync<TReport>(
        WorkspaceStack stack, TReport report, Func<TReport, string> write, Func<TReport, string, TReport> withFailure,
        Action<EngineEvent>? onEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(withFailure);
        var path = write(report);
        try
        {
            await stack.UpAsync(new UpdateOptions { OnEvent = onEvent }, cancellationToken);
        }
        catch (UpdateFailedException e)
        {
            report = withFailure(report, $"sealing the report into the bundle failed: {e.Message}");
            path = write(report);
        }

        return (report, path);
    }
}
