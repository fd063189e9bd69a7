using System.Collections.Immutable;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Execution;
using Kubedos.Engine.Planning;
using Kubedos.Engine.Policy;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Automation;

/// <summary>Runs one operation end to end: lock, load (replaying any journal), recover pending operations, run, compact, record history, summarise.</summary>
internal static class StackOperation
{
    public static async Task<OperationOutcome> RunAsync(ICheckpointStore store, OperationSpec spec, CancellationToken cancellationToken)
    {
        var settings = spec.Settings;
        var time = settings.Time;
        var start = time.GetUtcNow();
        var events = new EventEmitter(spec.OnEvent, time);
        var json = new CheckpointJson(spec.Secrets);

        // Preview takes no lock and writes nothing, like Pulumi's.
        await using var held = settings.DryRun || spec.Lock is null ? null : await spec.Lock(cancellationToken);
        // A preview of a stack the backend does not hold yet (Workspace.SelectStackForPreviewAsync) judges everything as a create.
        var checkpoint = settings.DryRun && !store.Exists(settings.Project, settings.Stack)
            ? Checkpoint.Empty(start)
            : store.Load(settings.Project, settings.Stack, json, compact: !settings.DryRun);
        var journal = settings.DryRun ? null : store.OpenJournal(settings.Project, settings.Stack, json, checkpoint);
        events.Emit(new PreludeEvent(spec.Kind.ToString().ToLowerInvariant(), settings.DryRun, spec.PreludeConfig));
        DeploymentRun? run = null;
        var final = checkpoint;
        long bytes = 0;
        try
        {
            if (!checkpoint.PendingOperations.IsEmpty)
            {
                var recovery = new DeploymentRun(settings, checkpoint, journal, events, cancellationToken);
                if (journal is null)
                {
                    recovery.Warn(null, $"{checkpoint.PendingOperations.Count} operation(s) were interrupted; the next up, refresh or destroy resolves them through the providers");
                }
                else
                {
                    try
                    {
                        await PendingRecovery.RecoverAsync(recovery, journal, checkpoint.PendingOperations);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        recovery.Fail(null, $"recovering interrupted operations failed: {ex.Message}");
                        run = recovery;
                    }

                    checkpoint = journal.Draft.ToCheckpoint(time.GetUtcNow());
                }
            }

            if (run is null && spec.RefreshFirst)
            {
                // up --refresh: what the refresh finds is the update's basis, recorded in the same journal under the same lock.
                // A dry run keeps it in memory, so its preview shows what the update would do after the refresh.
                var refresh = new DeploymentRun(settings, checkpoint, (ICheckpointJournal?)journal ?? new DraftJournal(checkpoint), events, cancellationToken);
                await RefreshRun.RunAsync(refresh);
                if (refresh.Failures.Count > 0)
                {
                    run = refresh;
                }
                else
                {
                    checkpoint = refresh.Journal!.Draft.ToCheckpoint(time.GetUtcNow());
                }
            }

            if (run is null)
            {
                var policies = spec.Kind is UpdateKind.Update or UpdateKind.Destroy ? spec.Policies : null;
                if (policies is not null && !settings.DryRun)
                {
                    // Policies judge the whole plan before anything real changes: a dry pass first.
                    var plan = new DeploymentRun(settings with { DryRun = true }, checkpoint, null, new EventEmitter(null, time), cancellationToken) { Plan = new PlanRecorder() };
                    await ExecuteAsync(plan, spec, checkpoint);
                    run = new DeploymentRun(settings, checkpoint, journal, events, cancellationToken);
                    if (!Judge(policies, plan, run, checkpoint, spec))
                    {
                        await ExecuteAsync(run, spec, checkpoint);
                    }
                }
                else
                {
                    run = new DeploymentRun(settings, checkpoint, journal, events, cancellationToken) { Plan = policies is null ? null : new PlanRecorder() };
                    await ExecuteAsync(run, spec, checkpoint);
                    if (policies is not null)
                    {
                        Judge(policies, run, run, checkpoint, spec);
                    }
                }
            }
        }
        finally
        {
            if (journal is not null)
            {
                // Asked at the end: the first secret of a stack may have just created its salt.
                journal.Draft.SecretsProviders = spec.SecretsState() ?? journal.Draft.SecretsProviders;
                final = await journal.CompleteAsync(CancellationToken.None);
                bytes = journal.BytesWritten;
                await journal.DisposeAsync();
            }
        }

        var end = time.GetUtcNow();
        var summary = new UpdateSummary(spec.Kind, settings.DryRun, start, end, run.Changes, [.. run.Failures], bytes);
        if (!settings.DryRun)
        {
            store.AppendHistory(settings.Project, settings.Stack, new UpdateRecord(
                spec.Kind, start, end, summary.Succeeded, summary.ResourceChanges, [.. summary.Failures.Select(f => f.ToString())]));
        }

        events.Emit(new SummaryEvent(false, (end - start).TotalSeconds, summary.ResourceChanges));
        return new OperationOutcome(summary, final);
    }

    private static async Task ExecuteAsync(DeploymentRun run, OperationSpec spec, Checkpoint checkpoint)
    {
        switch (spec.Kind)
        {
            case UpdateKind.Update:
                await new Deployment(run).RunAsync(spec.Program!);
                break;
            case UpdateKind.Refresh:
                await RefreshRun.RunAsync(run);
                break;
            case UpdateKind.Destroy:
                await DestroyAsync(run, checkpoint, spec.TargetDependents);
                break;
            default:
                throw new InvalidOperationException($"operation {spec.Kind} is not run through a deployment");
        }
    }

    /// <summary>Evaluates the packs over <paramref name="planned"/>'s plan, reports each violation on <paramref name="report"/>; true when a mandatory one must stop the operation.</summary>
    private static bool Judge(PolicyEvaluator policies, DeploymentRun planned, DeploymentRun report, Checkpoint checkpoint, OperationSpec spec)
    {
        var plan = planned.Plan!;
        var resources = spec.Kind == UpdateKind.Destroy
            ? checkpoint.Resources.Where(r => !r.Delete && !plan.WasDeleted(r.Urn)).Select(PlanRecorder.Resource)
            : plan.Resources;
        var context = new PolicyContext(spec.Settings.Project, spec.Settings.Stack, report.DryRun);
        var evaluation = policies.Evaluate(resources, plan.Steps, context);
        foreach (var v in evaluation.Violations)
        {
            report.Events.Emit(new PolicyEvent(v.Urn, v.Message, v.PolicyName, v.PolicyPack, v.EnforcementLevel.ToString().ToLowerInvariant()) { Source = v.Source });
        }

        foreach (var v in evaluation.Mandatory)
        {
            report.Fail(v.Urn, $"mandatory policy violation {v.PolicyPack}/{v.PolicyName}: {v.Message}"
                + (report.DryRun ? string.Empty : "; nothing was changed"), mandatoryPolicy: true);
        }

        return evaluation.HasMandatory;
    }

    private static async Task DestroyAsync(DeploymentRun run, Checkpoint checkpoint, bool targetDependents)
    {
        var targets = run.Settings.Targets;
        var all = checkpoint.Resources;
        List<ResourceState> toDelete;
        if (targets.IsAll)
        {
            toDelete = [.. all];
        }
        else
        {
            // A set: asking a list whether each of the closure is named costs targets x closure.
            var named = all.Where(r => targets.Names(r.Urn)).Select(r => r.Urn).ToHashSet();
            var closure = DeletePlanner.WithDependents(named, all);
            if (!targetDependents)
            {
                var stray = closure.Where(u => !named.Contains(u)).ToList();
                foreach (var urn in stray)
                {
                    run.Fail(urn, "depends on a targeted resource but is not targeted itself; target it too or add --target-dependents");
                }

                if (stray.Count > 0)
                {
                    return;
                }
            }

            toDelete = [.. all.Where(r => closure.Contains(r.Urn))];
        }

        await new DeletePhase(run).RunAsync(toDelete);
    }

    internal static ImmutableSortedDictionary<string, OutputValue> StackOutputs(Checkpoint checkpoint)
    {
        var stack = checkpoint.Resources.FirstOrDefault(r => r.Type == Model.Urn.RootStackType && r.Parent is null && !r.Delete);
        return stack is null
            ? ImmutableSortedDictionary<string, OutputValue>.Empty
            : stack.Outputs.ToImmutableSortedDictionary(kv => kv.Key, kv => new OutputValue(kv.Value.WithoutSecrets(), kv.Value.ContainsSecrets), StringComparer.Ordinal);
    }
}
