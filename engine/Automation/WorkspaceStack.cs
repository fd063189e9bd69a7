using System.Collections.Immutable;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Execution;
using Kubedos.Engine.Planning;
using Kubedos.Engine.Policy;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Automation;

/// <summary>One stack of a workspace (Pulumi's WorkspaceStack): preview, up, refresh, destroy, outputs, export and import.</summary>
/// <remarks>
/// Mutating operations take the stack lock (a second one fails at once naming the holder);
/// preview takes none and writes nothing. An operation with failures throws
/// <see cref="UpdateFailedException"/> after finishing everything independent of them.
/// </remarks>
public sealed class WorkspaceStack
{
    internal WorkspaceStack(Workspace workspace, string name)
    {
        Workspace = workspace;
        Name = name;
    }

    public Workspace Workspace { get; }

    public string Name { get; }

    /// <summary>Shows what up would do; changes nothing real and writes no state.</summary>
    public Task<UpdateResult> PreviewAsync(UpdateOptions? options = null, CancellationToken cancellationToken = default) =>
        UpdateAsync(options ?? new UpdateOptions(), dryRun: true, cancellationToken);

    /// <summary>Runs the program and makes the real resources match it.</summary>
    public Task<UpdateResult> UpAsync(UpdateOptions? options = null, CancellationToken cancellationToken = default) =>
        UpdateAsync(options ?? new UpdateOptions(), dryRun: false, cancellationToken);

    /// <summary>Reads every resource through its provider and records what is real, reporting drift.</summary>
    public Task<UpdateResult> RefreshAsync(RefreshOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RefreshOptions();
        return RunAsync(UpdateKind.Refresh, options.PreviewOnly, new TargetSet(options.Target, false), [], options.Parallel, options.OnEvent, false, cancellationToken);
    }

    /// <summary>Deletes the stack's resources (or the targeted ones) in reverse dependency order.</summary>
    public Task<UpdateResult> DestroyAsync(DestroyOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DestroyOptions();
        return RunAsync(UpdateKind.Destroy, options.PreviewOnly, new TargetSet(options.Target, false), [], options.Parallel, options.OnEvent, options.TargetDependents, cancellationToken);
    }

    /// <summary>The stack outputs recorded by the last up.</summary>
    public async Task<IReadOnlyDictionary<string, OutputValue>> GetOutputsAsync(CancellationToken cancellationToken = default) =>
        StackOperation.StackOutputs(await GetCheckpointAsync(cancellationToken));

    /// <summary>The stack's checkpoint (resources in dependency order, pending operations).</summary>
    public Task<Checkpoint> GetCheckpointAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var secrets = Workspace.SecretsFor(Name);
        return Task.FromResult(Workspace.Store.Load(Workspace.ProjectName, Name, new CheckpointJson(secrets), compact: false));
    }

    /// <summary>The checkpoint as Pulumi's export JSON (<c>{version: 3, deployment}</c>); secrets stay encrypted.</summary>
    public async Task<string> ExportAsync(CancellationToken cancellationToken = default)
    {
        var secrets = Workspace.SecretsFor(Name);
        var checkpoint = await GetCheckpointAsync(cancellationToken);
        return new CheckpointJson(secrets).SerializeExport(checkpoint);
    }

    /// <summary>Replaces the stack's checkpoint with an exported one, under the stack lock.</summary>
    public Task ImportAsync(string deploymentJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deploymentJson);
        cancellationToken.ThrowIfCancellationRequested();
        var secrets = Workspace.SecretsFor(Name);
        var json = new CheckpointJson(secrets);
        var checkpoint = json.DeserializeExport(deploymentJson);
        using var held = StackLock.Acquire(Workspace.BackendRoot, Workspace.ProjectName, Name, "stack import", Workspace.Options.Time);
        var start = Workspace.Options.Time.GetUtcNow();
        File.Delete(Workspace.Store.JournalFile(Workspace.ProjectName, Name));
        Workspace.Store.WriteSnapshot(Workspace.ProjectName, Name, checkpoint, json);
        Workspace.Store.AppendHistory(Workspace.ProjectName, Name, new UpdateRecord(
            UpdateKind.Import, start, Workspace.Options.Time.GetUtcNow(), true, ImmutableSortedDictionary<string, int>.Empty, []));
        return Task.CompletedTask;
    }

    /// <summary>Every update, refresh, destroy and import of the stack, oldest first.</summary>
    public Task<IReadOnlyList<UpdateRecord>> GetHistoryAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Workspace.Store.History(Workspace.ProjectName, Name));
    }

    private Task<UpdateResult> UpdateAsync(UpdateOptions options, bool dryRun, CancellationToken cancellationToken)
    {
        if (Workspace.Options.Program is null)
        {
            throw new InvalidOperationException("the workspace has no program: set WorkspaceOptions.Program");
        }

        return RunAsync(UpdateKind.Update, dryRun, new TargetSet(options.Target, options.TargetDependents), options.Replace, options.Parallel, options.OnEvent, options.TargetDependents, cancellationToken);
    }

    private async Task<UpdateResult> RunAsync(
        UpdateKind kind,
        bool dryRun,
        TargetSet targets,
        IReadOnlyList<string> replace,
        int? parallel,
        Action<EngineEvent>? onEvent,
        bool targetDependents,
        CancellationToken cancellationToken)
    {
        var options = Workspace.Options;
        var secrets = Workspace.SecretsFor(Name);
        var (config, secretKeys) = kind == UpdateKind.Update ? Workspace.ConfigFor(Name) : (new Dictionary<string, string>(), new HashSet<string>());
        var settings = new DeploymentSettings(
            Workspace.ProjectName,
            Name,
            dryRun,
            options.Providers,
            targets,
            [.. replace],
            parallel is > 0 ? parallel.Value : 4 * Environment.ProcessorCount,
            config,
            options.Time,
            options.WorkDir);
        var program = options.Program;
        var spec = new OperationSpec(
            kind,
            settings,
            program is null ? null : program.RunAsync,
            onEvent,
            secrets,
            () => Workspace.SecretsStateFor(Name, secrets),
            ct => Task.FromResult<IAsyncDisposable>(new HeldLock(TakeLock(kind, onEvent))),
            config.ToDictionary(kv => kv.Key, kv => secretKeys.Contains(kv.Key) ? "[secret]" : kv.Value, StringComparer.Ordinal),
            targetDependents,
            options.PolicyPacks.Count == 0 ? null : new PolicyEvaluator(options.PolicyPacks, options.PolicyConfig));
        var outcome = await StackOperation.RunAsync(Workspace.Store, spec, cancellationToken);
        var result = new UpdateResult(outcome.Summary, StackOperation.StackOutputs(outcome.Checkpoint));
        return outcome.Summary.Succeeded ? result : throw new UpdateFailedException(result);
    }

    private StackLock TakeLock(UpdateKind kind, Action<EngineEvent>? onEvent)
    {
        var options = Workspace.Options;
        var held = StackLock.AcquireBreakingStale(Workspace.BackendRoot, Workspace.ProjectName, Name, kind.ToString().ToLowerInvariant(), options.Time, out var broken);
        if (broken is not null)
        {
            onEvent?.Invoke(new DiagnosticEvent(null, $"broke the stale lock of stack '{Name}' left by a process that is gone ({broken}); resuming its work", DiagnosticSeverity.Warning)
            {
                Timestamp = options.Time.GetUtcNow(),
            });
        }

        return held;
    }

    private sealed class HeldLock(StackLock held) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            held.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
