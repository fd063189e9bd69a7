using Kubedos.Engine.Config;
using Kubedos.Engine.Secrets;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Automation;

/// <summary>A project's workspace in process (Pulumi's LocalWorkspace): its stacks, state backend, providers and program.</summary>
public sealed class Workspace
{
    /// <summary>The environment variable that overrides the backend URL.</summary>
    public const string BackendUrlVariable = "KUBEDOS_BACKEND_URL";

    private Workspace(WorkspaceOptions options, string project, ICheckpointStore store)
    {
        Options = options;
        ProjectName = project;
        Store = store;
    }

    public WorkspaceOptions Options { get; }

    public string ProjectName { get; }

    /// <summary>Where the stacks' state lives, fit to print: the file backend's directory, or the backend URL without its password.</summary>
    public string BackendLocation => Store.Location;

    internal ICheckpointStore Store { get; }

    /// <summary>True when the work directory holds a <c>Pulumi.yaml</c>.</summary>
    internal bool HasProjectFile => File.Exists(Path.Combine(Options.WorkDir, ProjectFile.FileName));

    /// <summary>Opens the workspace the options describe.</summary>
    public static Workspace Create(WorkspaceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var projectPath = Path.Combine(options.WorkDir, ProjectFile.FileName);
        var projectFile = File.Exists(projectPath) ? ProjectFile.Load(projectPath) : null;
        var project = options.ProjectName ?? projectFile?.Name
            ?? throw new ConfigException($"no {ProjectFile.FileName} in {options.WorkDir}: run kubedos in the project directory (the one holding {ProjectFile.FileName})");
        var env = options.Environment ?? System.Environment.GetEnvironmentVariable;
        var url = options.BackendUrl ?? env(BackendUrlVariable) ?? projectFile?.BackendUrl;
        return new Workspace(options, project, StateBackendRegistry.Open(url, options.WorkDir, options.Time, env));
    }

    public Task<WorkspaceStack> CreateStackAsync(string stackName, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Store.Create(ProjectName, stackName, new CheckpointJson(null));
        return Task.FromResult(new WorkspaceStack(this, stackName));
    }

    public Task<WorkspaceStack> SelectStackAsync(string stackName, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Store.Exists(ProjectName, stackName)
            ? Task.FromResult(new WorkspaceStack(this, stackName))
            : throw NoSuchStack(stackName);
    }

    /// <summary>
    /// The stack to preview without writing anything: the backend's, or, when only its <c>Pulumi.&lt;stack&gt;.yaml</c> exists
    /// (a fresh backend in CI), one with empty state, which a preview judges as all creates and nothing saves.
    /// </summary>
    public Task<WorkspaceStack> SelectStackForPreviewAsync(string stackName, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return IsKnown(stackName) ? Task.FromResult(new WorkspaceStack(this, stackName)) : throw NoSuchStack(stackName);
    }

    /// <summary>True when the backend holds the stack or the project has its <c>Pulumi.&lt;stack&gt;.yaml</c>.</summary>
    public bool IsKnown(string stackName) =>
        Store.Exists(ProjectName, stackName) || File.Exists(Path.Combine(Options.WorkDir, StackConfigFile.FileNameFor(stackName)));

    /// <summary>The error for a stack that does not exist: names it, lists the ones that do, and says how to create it.</summary>
    public StateException NoSuchStack(string stackName)
    {
        var existing = Store.List(ProjectName);
        return new StateException(
            $"no stack named '{stackName}' in {BackendLocation} (its stacks: {(existing.Count == 0 ? "none" : string.Join(", ", existing))}); "
            + $"create it with `kubedos stack init {stackName}`");
    }

    public Task<WorkspaceStack> CreateOrSelectStackAsync(string stackName, CancellationToken cancellationToken = default) =>
        Store.Exists(ProjectName, stackName) ? SelectStackAsync(stackName, cancellationToken) : CreateStackAsync(stackName, cancellationToken);

    public Task<IReadOnlyList<string>> ListStacksAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Store.List(ProjectName));
    }

    /// <summary>Removes a stack's state and history; refuses while it still has resources unless <paramref name="force"/>.</summary>
    public async Task RemoveStackAsync(string stackName, bool force, CancellationToken cancellationToken = default)
    {
        await SelectStackAsync(stackName, cancellationToken);
        using var held = LockStack(stackName, "stack rm");

        // Unverified: a stack whose state fails the integrity check can still be removed with --force.
        var checkpoint = Store.LoadUnverified(ProjectName, stackName, new CheckpointJson(SecretsFor(stackName)));
        if (!force && checkpoint.Resources.Count > 0)
        {
            throw new StateException($"stack '{stackName}' still has {checkpoint.Resources.Count} resource(s); destroy them first, or remove it with --force (which forgets them)");
        }

        Store.Remove(ProjectName, stackName);
    }

    /// <summary>
    /// Renames a stack like <c>pulumi stack rename</c>: its state (every URN rewritten to the new stack name), its history,
    /// and its <c>Pulumi.&lt;stack&gt;.yaml</c>. Takes both names' locks; records nothing in the history.
    /// </summary>
    /// <exception cref="StateException">The stack does not exist, or the new name is invalid or taken (state or config file).</exception>
    public async Task<WorkspaceStack> RenameStackAsync(string stackName, string newName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newName);
        await SelectStackAsync(stackName, cancellationToken);
        FileCheckpointStore.ValidateStackName(newName);
        var oldConfig = Path.Combine(Options.WorkDir, StackConfigFile.FileNameFor(stackName));
        var newConfig = Path.Combine(Options.WorkDir, StackConfigFile.FileNameFor(newName));
        if (Store.Exists(ProjectName, newName))
        {
            throw new StateException($"a stack named '{newName}' already exists in {BackendLocation}");
        }

        if (File.Exists(newConfig))
        {
            // Whether or not this stack has a config file, the renamed stack would read that one.
            throw new StateException($"{newConfig} already exists: the stack renamed to '{newName}' would take over its config; move it away first");
        }

        using var held = LockStack(stackName, "stack rename");
        using var heldNew = LockStack(newName, "stack rename");

        // One secrets provider reads and rewrites the checkpoint: the config file (and its salt) moves only afterwards.
        var json = new CheckpointJson(SecretsFor(stackName));
        var checkpoint = Store.Load(ProjectName, stackName, json, compact: false);
        Store.Rename(ProjectName, stackName, newName, StateSurgery.RenameStack(checkpoint, newName), json);
        if (File.Exists(oldConfig))
        {
            File.Move(oldConfig, newConfig);
        }

        return new WorkspaceStack(this, newName);
    }

    /// <summary>Who holds the stack's lock (an operation running on it), or null when it is free.</summary>
    public StackLockInfo? GetStackLockHolder(string stackName) => Store.LockHolder(ProjectName, stackName);

    /// <summary>Breaks the stack's lock (<c>kubedos stack unlock</c>); returns the holder it removed, or null when it was free.</summary>
    /// <exception cref="StackLockedException">Without <paramref name="force"/>: the holder is alive, on another host, or unknown.</exception>
    public StackLockInfo? UnlockStack(string stackName, bool force) => Store.Unlock(ProjectName, stackName, force);

    /// <summary>Takes the stack's lock for <paramref name="operation"/>, or fails at once naming the holder.</summary>
    /// <exception cref="StackLockedException">Someone holds it.</exception>
    internal IStackLock LockStack(string stackName, string operation) => Store.Lock(ProjectName, stackName, operation, resumeAfterDeadHolder: false, out _);

    internal ISecretsProvider? SecretsFor(string stack)
    {
        if (Options.SecretsProvider is { } explicitProvider)
        {
            return explicitProvider(stack);
        }

        if (!HasProjectFile)
        {
            return null;
        }

        return new DeferredSecretsProvider(() =>
            new StackConfigStore(Options.WorkDir, stack, Options.Passphrase ?? new PassphraseSource(Options.Environment)).OpenSecrets());
    }

    internal SecretsProviderState? SecretsStateFor(string stack, ISecretsProvider? secrets)
    {
        if (secrets is PassphraseSecretsProvider passphrase)
        {
            var state = passphrase.ToCheckpointState();
            return new SecretsProviderState(PassphraseSecretsProvider.TypeName, state["state"]?.DeepClone().AsObject());
        }

        if (secrets is DeferredSecretsProvider)
        {
            var file = StackConfigFile.LoadOrEmpty(Path.Combine(Options.WorkDir, StackConfigFile.FileNameFor(stack)), ProjectName);
            return file.EncryptionSalt is { } salt
                ? new SecretsProviderState(PassphraseSecretsProvider.TypeName, new System.Text.Json.Nodes.JsonObject { ["salt"] = salt })
                : null;
        }

        return null;
    }

    /// <summary>A stack's config values and which of them are secret.</summary>
    internal (IReadOnlyDictionary<string, string> Values, IReadOnlySet<string> Secret) ConfigFor(string stack)
    {
        if (Options.Config is { } explicitConfig)
        {
            return (explicitConfig(stack), new HashSet<string>());
        }

        if (!HasProjectFile)
        {
            return (new Dictionary<string, string>(), new HashSet<string>());
        }

        var resolved = new StackConfigStore(Options.WorkDir, stack, Options.Passphrase ?? new PassphraseSource(Options.Environment)).Resolve();
        return (
            resolved.Values.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value.Text, StringComparer.Ordinal),
            resolved.Values.Where(kv => kv.Value.Secret).Select(kv => kv.Key.ToString()).ToHashSet(StringComparer.Ordinal));
    }
}
