using Kubedos.Engine.Automation;

namespace Kubedos.Engine.Cli;

/// <summary>
/// A program's own verb that runs an update of the stack the way <c>up</c> does (the same session, policy packs,
/// progress view or JSON lines, failure list and exit codes) with targets the program chooses from the stack.
/// </summary>
/// <remarks>
/// It asks for no confirmation: it is for updates that change only what they target and that the program knows are
/// safe to run again at any time (the acceptance gates' probes, for instance). What <see cref="PlanAsync"/> and
/// <see cref="ReportAsync"/> throw maps to exit codes as for the engine verbs (a <c>StateException</c> exits 7).
/// </remarks>
/// <param name="Name">The verb, as its error messages name it.</param>
/// <param name="PlanAsync">Reads the stack (its checkpoint) and returns the update's targets and replacements.</param>
public sealed record UpdateVerb(string Name, Func<WorkspaceStack, CancellationToken, Task<UpdateOptions>> PlanAsync)
{
    /// <summary>The <c>--stack</c> value; null falls back to <c>KUBEDOS_STACK</c>, then the selected stack.</summary>
    public string? Stack { get; init; }

    /// <summary>Print the engine events as JSON lines instead of the progress view.</summary>
    public bool Json { get; init; }

    /// <summary>Show every changed property.</summary>
    public bool Diff { get; init; }

    /// <summary>A policy config file overriding the policy packs' enforcement levels.</summary>
    public string? PolicyConfig { get; init; }

    /// <summary>Runs after a successful update (not after a failed one), with the stack as the update left it.</summary>
    public Func<WorkspaceStack, CancellationToken, Task>? ReportAsync { get; init; }

    /// <summary>Plans, updates and reports; returns the exit code (<see cref="EngineExitCodes"/>).</summary>
    public Task<int> RunAsync(ProgramHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        return CommandFailure.RunAsync(host, Name, async () =>
        {
            var session = new EngineSession(host, Stack, PolicyConfig);
            var stack = await session.SelectStackAsync(cancellationToken);
            var options = await PlanAsync(stack, cancellationToken);
            var code = await new OperationRun(session, Json, Diff).ExecuteAsync(
                null, (s, onEvent, token) => s.UpAsync(options with { OnEvent = onEvent }, token), cancellationToken);
            if (ReportAsync is not null)
            {
                await ReportAsync(stack, cancellationToken);
            }

            return code;
        });
    }
}
