using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Spectre.Console;

namespace Kubedos.Engine.Cli;

/// <summary>Runs one operation for a verb: the confirmation, the progress view or JSON lines, the epilogue and the exit code.</summary>
internal sealed class OperationRun
{
    private readonly EngineSession session;
    private readonly bool json;
    private readonly bool diff;

    internal OperationRun(EngineSession session, bool json, bool diff)
    {
        this.session = session;
        this.json = json;
        this.diff = diff;
    }

    private ProgramHost Host => session.Host;

    internal async Task<int> ExecuteAsync(
        OperationCommands.Confirmation? confirmation,
        Func<WorkspaceStack, Action<EngineEvent>, CancellationToken, Task<UpdateResult>> operation,
        CancellationToken cancellationToken)
    {
        var stack = await session.SelectStackAsync(cancellationToken);
        if (confirmation is { Yes: false })
        {
            if (json || !Host.IsInteractive)
            {
                throw new NotConfirmedException("this changes real resources or state: pass --yes to run it non-interactively");
            }

            // Like Pulumi: show the preview, then ask.
            await RunAsync(stack, confirmation.PreviewAsync, live: false, cancellationToken);
            session.Confirm(yes: false, confirmation.Question);
        }

        await RunAsync(stack, operation, live: !json && !diff && Host.IsInteractive, cancellationToken);
        return EngineExitCodes.Success;
    }

    private async Task RunAsync(
        WorkspaceStack stack,
        Func<WorkspaceStack, Action<EngineEvent>, CancellationToken, Task<UpdateResult>> operation,
        bool live,
        CancellationToken cancellationToken)
    {
        var view = new OperationView(Host.ResolvedConsole, Host.Time, stack.Name, diff, live);
        var gate = new Lock();
        var mandatory = false;
        void OnEvent(EngineEvent engineEvent)
        {
            lock (gate)
            {
                if (engineEvent is PolicyEvent { EnforcementLevel: var level } && string.Equals(level, "mandatory", StringComparison.OrdinalIgnoreCase))
                {
                    mandatory = true;
                }

                if (json)
                {
                    Host.ResolvedOut.WriteLine(EngineEventJson.Serialize(engineEvent));
                }
                else
                {
                    view.Apply(engineEvent);
                }
            }
        }

        UpdateResult result;
        try
        {
            result = live
                ? await RunLiveAsync(stack, operation, view, gate, OnEvent, cancellationToken)
                : await operation(stack, OnEvent, cancellationToken);
        }
        catch (UpdateFailedException failed)
        {
            if (!json)
            {
                view.WriteEpilogue(failed.Result?.Summary);
            }

            if (mandatory)
            {
                throw new PolicyViolationFailure("mandatory policy violations: nothing was changed for the violating resources", failed);
            }

            throw;
        }
        catch (UnexpectedChangesException unexpected)
        {
            if (!json)
            {
                view.WriteEpilogue(unexpected.Result?.Summary);
            }

            throw;
        }

        if (!json)
        {
            view.WriteEpilogue(result.Summary);
        }

        if (mandatory)
        {
            throw new PolicyViolationFailure("mandatory policy violations (see above)");
        }
    }

    private async Task<UpdateResult> RunLiveAsync(
        WorkspaceStack stack,
        Func<WorkspaceStack, Action<EngineEvent>, CancellationToken, Task<UpdateResult>> operation,
        OperationView view,
        Lock gate,
        Action<EngineEvent> onEvent,
        CancellationToken cancellationToken)
    {
        UpdateResult? result = null;
        await Host.ResolvedConsole.Live(view.Render()).AutoClear(false).StartAsync(async context =>
        {
            var running = operation(stack, onEvent, cancellationToken);
            using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(200), Host.Time);

            // Ticks only redraw elapsed times; cancellation reaches the operation, which ends the loop.
            while (!running.IsCompleted)
            {
                await Task.WhenAny(running, ticks.WaitForNextTickAsync(CancellationToken.None).AsTask());
                lock (gate)
                {
                    context.UpdateTarget(view.Render());
                }
            }

            lock (gate)
            {
                context.UpdateTarget(view.Render());
            }

            result = await running;
        });
        return result!;
    }
}
