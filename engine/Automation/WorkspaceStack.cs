using System.Collections.Immutable;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Config;
using Kubedos.Engine.Execution;
using Kubedos.Engine.Model;
using Kubedos.Engine.Planning;
using Kubedos.Engine.Policy;
using Kubedos.Engine.Secrets;
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
    /// <exception cref="UnexpectedChangesException"><see cref="UpdateOptions.ExpectNoChanges"/> and something would change.</exception>
    public async Task<UpdateResult> PreviewAsync(UpdateOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new UpdateOptions();
        var result = await UpdateAsync(options, dryRun: true, cancellationToken);
        return options.ExpectNoChanges ? ExpectUnchanged(result, applied: false) : result;
    }

    /// <summary>Runs the program and makes the real resources match it.</summary>
    /// <exception cref="UnexpectedChangesException">
    /// <see cref="UpdateOptions.ExpectNoChanges"/> and its preview proposes changes (nothing is changed; the preview's events
    /// are then reported), or changes occurred after a preview without any.
    /// </exception>
    public async Task<UpdateResult> UpAsync(UpdateOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new UpdateOptions();
        if (!options.ExpectNoChanges)
        {
            return await UpdateAsync(options, dryRun: false, cancellationToken);
        }

        await PreviewUnchangedAsync(onEvent => UpdateAsync(options with { OnEvent = onEvent }, dryRun: true, cancellationToken), options.OnEvent);
        return ExpectUnchanged(await UpdateAsync(options, dryRun: false, cancellationToken), applied: true);
    }

    /// <summary>Reads every resource through its provider and records what is real, reporting drift.</summary>
    /// <exception cref="UnexpectedChangesException"><see cref="RefreshOptions.ExpectNoChanges"/> and there is drift; nothing is written then.</exception>
    public async Task<UpdateResult> RefreshAsync(RefreshOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RefreshOptions();
        Task<UpdateResult> Refresh(bool dryRun, Action<EngineEvent>? onEvent) =>
            RunAsync(UpdateKind.Refresh, dryRun, new TargetSet(options.Target, false), [], options.Parallel, onEvent, false, cancellationToken);
        if (!options.ExpectNoChanges)
        {
            return await Refresh(options.PreviewOnly, options.OnEvent);
        }

        if (options.PreviewOnly)
        {
            return ExpectUnchanged(await Refresh(true, options.OnEvent), applied: false);
        }

        await PreviewUnchangedAsync(onEvent => Refresh(true, onEvent), options.OnEvent);
        return ExpectUnchanged(await Refresh(false, options.OnEvent), applied: true);
    }

    /// <summary>Deletes the stack's resources (or the targeted ones) in reverse dependency order.</summary>
    public Task<UpdateResult> DestroyAsync(DestroyOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new DestroyOptions();
        return RunAsync(UpdateKind.Destroy, options.PreviewOnly, new TargetSet(options.Target, false), [], options.Parallel, options.OnEvent, options.TargetDependents, cancellationToken);
    }

    /// <summary>The stack's config value at <paramref name="key"/> (<c>namespace:name</c>, decrypted), or null when unset (Pulumi's <c>GetConfigAsync</c>).</summary>
    /// <exception cref="InvalidOperationException">The workspace's config comes from <see cref="WorkspaceOptions.Config"/>, not from the stack file.</exception>
    public Task<string?> GetConfigAsync(string key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ConfigStore().Get(key)?.Text);
    }

    /// <summary>Sets <paramref name="key"/> in <c>Pulumi.&lt;stack&gt;.yaml</c> (Pulumi's <c>SetConfigAsync</c>); the next operation's program reads it.</summary>
    /// <exception cref="InvalidOperationException">The workspace's config comes from <see cref="WorkspaceOptions.Config"/>, not from the stack file.</exception>
    public Task SetConfigAsync(string key, string value, bool secret = false, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ConfigStore().Set(key, value, secret);
        return Task.CompletedTask;
    }

    /// <summary>Removes <paramref name="key"/> from the stack file (Pulumi's <c>RemoveConfigAsync</c>); false when it was not set.</summary>
    /// <exception cref="InvalidOperationException">The workspace's config comes from <see cref="WorkspaceOptions.Config"/>, not from the stack file.</exception>
    public Task<bool> RemoveConfigAsync(string key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ConfigStore().Remove(key));
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
    /// <remarks>A checkpoint that fails <see cref="CheckpointIntegrity"/> is exported as it is, so it can be fixed and imported again.</remarks>
    public Task<string> ExportAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var json = new CheckpointJson(Workspace.SecretsFor(Name));
        var checkpoint = Workspace.Store.LoadUnverified(Workspace.ProjectName, Name, json);
        return Task.FromResult(json.SerializeExport(checkpoint));
    }

    /// <summary>Replaces the stack's checkpoint with an exported one, under the stack lock; refuses one that fails <see cref="CheckpointIntegrity"/>.</summary>
    /// <exception cref="CheckpointIntegrityException">The deployment is damaged or belongs to another stack or project; names each URN and rule.</exception>
    public Task ImportAsync(string deploymentJson, CancellationToken cancellationToken = default) =>
        ImportAsync(deploymentJson, force: false, cancellationToken);

    /// <summary>Replaces the stack's checkpoint with an exported one; with <paramref name="force"/> even one that fails <see cref="CheckpointIntegrity"/> (which every later load then refuses, naming the URN and rule).</summary>
    public Task ImportAsync(string deploymentJson, bool force, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deploymentJson);
        cancellationToken.ThrowIfCancellationRequested();
        var secrets = Workspace.SecretsFor(Name);
        var json = new CheckpointJson(secrets);
        var checkpoint = json.DeserializeExport(deploymentJson);
        if (!force)
        {
            CheckpointIntegrity.Verify(checkpoint, Workspace.ProjectName, Name, "the imported deployment",
                $"nothing was imported: fix the deployment, or import it anyway with --force (every later operation on stack '{Name}' refuses a damaged state)");
        }

        using var held = Workspace.LockStack(Name, "stack import");
        var start = Workspace.Options.Time.GetUtcNow();
        Workspace.Store.Save(Workspace.ProjectName, Name, checkpoint, json);
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

    /// <summary>
    /// The stack's history newest first, a page at a time like <c>pulumi stack history --page-size N --page P</c>
    /// (<paramref name="pageSize"/> 0 or less: every entry; pages start at 1, less counts as 1, as in Pulumi's file backend).
    /// </summary>
    public async Task<IReadOnlyList<UpdateHistoryEntry>> GetHistoryAsync(int pageSize, int page, CancellationToken cancellationToken = default)
    {
        var history = await GetHistoryAsync(cancellationToken);
        var newestFirst = history.Select((update, i) => new UpdateHistoryEntry(i + 1, update)).Reverse();
        return pageSize <= 0
            ? [.. newestFirst]
            : [.. newestFirst.Skip((Math.Max(page, 1) - 1) * pageSize).Take(pageSize)];
    }

    /// <summary>Renames the stack (state, history, URNs, <c>Pulumi.&lt;stack&gt;.yaml</c>); see <see cref="Workspace.RenameStackAsync"/>.</summary>
    public Task<WorkspaceStack> RenameAsync(string newName, CancellationToken cancellationToken = default) =>
        Workspace.RenameStackAsync(Name, newName, cancellationToken);

    /// <summary>
    /// Removes a resource from the state without touching the real one, like <c>pulumi state delete</c>; returns what was removed.
    /// Refuses a protected resource unless <paramref name="force"/>, and one others depend on unless <paramref name="targetDependents"/>.
    /// </summary>
    /// <exception cref="StateSurgeryException">The URN is unknown, or a refusal above; the state is unchanged.</exception>
    public Task<IReadOnlyList<Urn>> DeleteResourceAsync(string urn, bool force = false, bool targetDependents = false, CancellationToken cancellationToken = default)
    {
        var parsed = ParseUrn(urn);
        return EditStateAsync<IReadOnlyList<Urn>>("state delete", checkpoint =>
        {
            var (edited, deleted) = StateSurgery.DeleteResource(checkpoint, parsed, force, targetDependents);
            return (edited, deleted);
        }, cancellationToken);
    }

    /// <summary>Clears a resource's protect bit, like <c>pulumi state unprotect URN</c>.</summary>
    /// <exception cref="StateSurgeryException">The URN is unknown.</exception>
    public Task UnprotectAsync(string urn, CancellationToken cancellationToken = default)
    {
        var parsed = ParseUrn(urn);
        return EditStateAsync("state unprotect", checkpoint => (StateSurgery.Unprotect(checkpoint, parsed), true), cancellationToken);
    }

    /// <summary>Clears every resource's protect bit, like <c>pulumi state unprotect --all</c>; returns how many were protected.</summary>
    public Task<int> UnprotectAllAsync(CancellationToken cancellationToken = default) =>
        EditStateAsync("state unprotect", StateSurgery.UnprotectAll, cancellationToken);

    private static Urn ParseUrn(string urn)
    {
        ArgumentNullException.ThrowIfNull(urn);
        return Urn.TryParse(urn, out var parsed)
            ? parsed
            : throw new StateSurgeryException($"'{urn}' is not a URN (urn:pulumi:<stack>::<project>::<type>::<name>); list them with `kubedos stack export`");
    }

    /// <summary>A state edit under the stack lock: the journal folded in first, then the edited checkpoint written. No history entry, as in Pulumi.</summary>
    private Task<T> EditStateAsync<T>(string operation, Func<Checkpoint, (Checkpoint Checkpoint, T Result)> edit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var json = new CheckpointJson(Workspace.SecretsFor(Name));
        using var held = Workspace.LockStack(Name, operation);
        var (edited, result) = edit(Workspace.Store.Load(Workspace.ProjectName, Name, json, compact: true));
        Workspace.Store.Save(Workspace.ProjectName, Name, edited, json);
        return Task.FromResult(result);
    }

    private static UpdateResult ExpectUnchanged(UpdateResult result, bool applied) =>
        result.Summary.HasChanges ? throw new UnexpectedChangesException(result, applied) : result;

    /// <summary>Runs a dry pass whose events are held back: shown (then refused) only when it proposes changes.</summary>
    private static async Task PreviewUnchangedAsync(Func<Action<EngineEvent>, Task<UpdateResult>> preview, Action<EngineEvent>? onEvent)
    {
        var held = new List<EngineEvent>();
        void Replay()
        {
            foreach (var e in held)
            {
                onEvent?.Invoke(e);
            }
        }

        UpdateResult result;
        try
        {
            result = await preview(held.Add);
        }
        catch (UpdateFailedException)
        {
            Replay();
            throw;
        }

        if (result.Summary.HasChanges)
        {
            Replay();
            throw new UnexpectedChangesException(result, applied: false);
        }
    }

    private Task<UpdateResult> UpdateAsync(UpdateOptions options, bool dryRun, CancellationToken cancellationToken)
    {
        if (Workspace.Options.Program is null)
        {
            throw new InvalidOperationException("the workspace has no program: set WorkspaceOptions.Program");
        }

        return RunAsync(
            UpdateKind.Update, dryRun, new TargetSet(options.Target, options.TargetDependents), options.Replace, options.Parallel, options.OnEvent, options.TargetDependents, cancellationToken, options.Refresh);
    }

    private async Task<UpdateResult> RunAsync(
        UpdateKind kind,
        bool dryRun,
        TargetSet targets,
        IReadOnlyList<string> replace,
        int? parallel,
        Action<EngineEvent>? onEvent,
        bool targetDependents,
        CancellationToken cancellationToken,
        bool refreshFirst = false)
    {
        var options = Workspace.Options;
        var secrets = Workspace.SecretsFor(Name);
        var (config, secretKeys) = kind == UpdateKind.Update ? Workspace.ConfigFor(Name) : (new Dictionary<string, string>(), new HashSet<string>());
        var settings = new DeploymentSettings(
            Workspace.ProjectName,
            Name,
            dryRun,
            options.Providers.HasPackage(StackReferenceHandler.Package) ? options.Providers : options.Providers.Add(StackReferenceHandler.ProviderFor(Workspace)),
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
            options.PolicyPacks.Count == 0 ? null : new PolicyEvaluator(options.PolicyPacks, options.PolicyConfig),
            refreshFirst);
        var outcome = await StackOperation.RunAsync(Workspace.Store, spec, cancellationToken);
        var result = new UpdateResult(outcome.Summary, StackOperation.StackOutputs(outcome.Checkpoint));
        return outcome.Summary.Succeeded ? result : throw new UpdateFailedException(result);
    }

    private IStackLock TakeLock(UpdateKind kind, Action<EngineEvent>? onEvent)
    {
        var options = Workspace.Options;
        var held = Workspace.Store.Lock(Workspace.ProjectName, Name, kind.ToString().ToLowerInvariant(), resumeAfterDeadHolder: true, out var broken);
        if (broken is not null)
        {
            onEvent?.Invoke(new DiagnosticEvent(null, $"broke the stale lock of stack '{Name}' left by a process that is gone ({broken}); resuming its work", DiagnosticSeverity.Warning)
            {
                Timestamp = options.Time.GetUtcNow(),
            });
        }

        return held;
    }

    private sealed class HeldLock(IStackLock held) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            held.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    // The stack file behind this stack's config; a workspace given its config in code has none to change.
    private StackConfigStore ConfigStore() =>
        Workspace.Options.Config is null && Workspace.HasProjectFile
            ? new StackConfigStore(Workspace.Options.WorkDir, Name, Workspace.Options.Passphrase ?? new PassphraseSource(Workspace.Options.Environment))
            : throw new InvalidOperationException($"stack '{Name}': this workspace's config is given in code (WorkspaceOptions.Config) or it has no project file, so there is no stack file to change");
}
