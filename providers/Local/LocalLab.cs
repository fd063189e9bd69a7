namespace Kubedos.Providers.Local;

/// <summary>
/// The local lab substrate on this machine: underlays (a switch per stack) and nodes (network
/// namespaces with their own hostname and private mounts). Every operation is idempotent for the state
/// that owns the lab; a lab another state owns is never adopted, changed or removed (<see cref="LabOwner"/>).
/// </summary>
/// <remarks>Needs root, iproute2 and util-linux; see <c>scripts/install-host-deps.sh</c>.</remarks>
public sealed class LocalLab
{
    private readonly UnderlayNetwork underlays;
    private readonly NodeProvisioner nodes;
    private readonly LabOwnership owners;
    private readonly NetworkNamespaces namespaces;

    /// <summary>The lab on the real host, state under <see cref="LabOptions.DefaultLabRoot"/>.</summary>
    public LocalLab()
        : this(new HostCommandRunner(), LabOptions.Default, TimeProvider.System)
    {
    }

    /// <summary>A lab driving the host through <paramref name="runner"/>, its node state under the options' lab root.</summary>
    public LocalLab(ICommandRunner runner, LabOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        Options = options;
        Runner = runner;
        underlays = new UnderlayNetwork(runner);
        nodes = new NodeProvisioner(runner, options, time);
        owners = new LabOwnership(options, time);
        namespaces = new NetworkNamespaces(runner);
    }

    /// <summary>The host seam (the operator's own WireGuard peer runs on the host, not in a node).</summary>
    internal ICommandRunner Runner { get; }

    /// <summary>Where node state lives.</summary>
    public LabOptions Options { get; }

    /// <summary>
    /// Creates the stack's underlay, or adopts it when its owner is <see cref="UnderlaySpec.Owner"/> (a create interrupted
    /// before the engine recorded it); the owner file is written first, after the read-only checks, then the fallback routes.
    /// </summary>
    /// <exception cref="LabConflictException">The lab belongs to another state, or exists with no owner, or a CIDR overlaps.</exception>
    public async Task<Underlay> EnsureUnderlayAsync(UnderlaySpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(spec.Owner);
        await underlays.CheckAsync(spec, cancellationToken);
        await owners.ClaimAsync(spec.Stack, spec.Owner, await ExistingAsync(spec.Stack, cancellationToken), spec.TakeOverUnowned, cancellationToken);
        return await underlays.EnsureAsync(spec, cancellationToken);
    }

    /// <summary>The stack's underlay, or null when it does not exist or belongs to another state than <paramref name="owner"/>.</summary>
    /// <param name="stack">The stack.</param>
    /// <param name="owner">The owner id the state recorded; null for a state recorded before lab owners existed.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    public async Task<Underlay?> FindUnderlayAsync(string stack, string? owner, CancellationToken cancellationToken) =>
        await owners.OwnsAsync(stack, owner, cancellationToken) ? await underlays.FindAsync(stack, cancellationToken) : null;

    /// <summary>
    /// Removes the stack's underlay, and any node of the stack still left, when <paramref name="owner"/> owns it; its
    /// fallback routes go last, then the owner file. A lab of another state is left untouched (false).
    /// </summary>
    /// <remarks>
    /// Nodes are normally deleted before their underlay; one left behind (say a create interrupted
    /// before the engine recorded it) would otherwise outlive its lab.
    /// </remarks>
    public async Task<bool> RemoveUnderlayAsync(string stack, string? owner, CancellationToken cancellationToken)
    {
        if (!await owners.OwnsAsync(stack, owner, cancellationToken))
        {
            return false;
        }

        foreach (var node in await nodes.ListAsync(stack, cancellationToken))
        {
            await nodes.RemoveAsync(stack, node, cancellationToken);
        }

        await underlays.RemoveAsync(stack, cancellationToken);
        owners.Release(stack);
        var directory = Options.StackDirectory(stack);
        if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
        }

        return true;
    }

    /// <summary>The names of the stack's nodes that exist in any form (namespace or state), whoever owns them.</summary>
    public Task<IReadOnlyList<string>> ListNodesAsync(string stack, CancellationToken cancellationToken) =>
        nodes.ListAsync(stack, cancellationToken);

    /// <summary>Creates the node on its stack's underlay, or adopts it when it already runs; only for the lab's owner.</summary>
    /// <exception cref="LabConflictException">The stack's lab belongs to another state, or has no underlay.</exception>
    public async Task<LabNode> EnsureNodeAsync(LabNodeSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var owner = spec.Owner ?? throw new ArgumentException($"node {spec.Name}: creating a lab node needs its owner", nameof(spec));
        await owners.RequireAsync(spec.Stack, owner, $"node {spec.Name}", cancellationToken);
        return await nodes.EnsureAsync(spec, cancellationToken);
    }

    /// <summary>The running node, or null when it does not exist or its holder died, whoever owns it (for inspection).</summary>
    public Task<LabNode?> FindNodeAsync(string stack, string node, CancellationToken cancellationToken) =>
        nodes.FindAsync(stack, node, cancellationToken);

    /// <summary>The running node when the state <paramref name="owner"/> owns its lab, else null.</summary>
    /// <param name="stack">The stack.</param>
    /// <param name="node">The node.</param>
    /// <param name="owner">The owner id the state recorded; null for a state recorded before lab owners existed.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    public async Task<LabNode?> FindOwnedNodeAsync(string stack, string node, string? owner, CancellationToken cancellationToken) =>
        await owners.OwnsAsync(stack, owner, cancellationToken) ? await nodes.FindAsync(stack, node, cancellationToken) : null;

    /// <summary>
    /// Stops every process of the node and removes its namespace, link, mounts and state, when <paramref name="owner"/>
    /// owns its lab; a node of another state is left untouched (false).
    /// </summary>
    public async Task<bool> RemoveNodeAsync(string stack, string node, string? owner, CancellationToken cancellationToken)
    {
        if (!await owners.OwnsAsync(stack, owner, cancellationToken))
        {
            return false;
        }

        await nodes.RemoveAsync(stack, node, cancellationToken);
        return true;
    }

    /// <summary>True when the state <paramref name="owner"/> (null: recorded before lab owners existed) owns the stack's lab.</summary>
    public Task<bool> OwnsAsync(string stack, string? owner, CancellationToken cancellationToken) => owners.OwnsAsync(stack, owner, cancellationToken);

    /// <summary>Throws <see cref="LabConflictException"/> unless the state <paramref name="owner"/> owns the stack's lab.</summary>
    public Task RequireOwnerAsync(string stack, string owner, string what, CancellationToken cancellationToken) =>
        owners.RequireAsync(stack, owner, what, cancellationToken);

    /// <summary>The stack's owner record, or null when no state claimed its lab.</summary>
    public Task<LabOwnerRecord?> OwnerAsync(string stack, CancellationToken cancellationToken) => owners.ReadAsync(stack, cancellationToken);

    // What of the stack's lab is on the host, whatever its lab root: its namespaces and its operator link.
    private async Task<IReadOnlyList<string>> ExistingAsync(string stack, CancellationToken cancellationToken)
    {
        var names = LabNames.For(stack);
        var found = (await namespaces.ListAsync(cancellationToken)).Where(n => n.StartsWith($"kd.{stack}.", StringComparison.Ordinal)).ToList();
        if (await namespaces.LinkExistsAsync(null, names.OperatorInterface, cancellationToken))
        {
            found.Add(names.OperatorInterface);
        }

        return found;
    }
}
