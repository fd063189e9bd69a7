namespace Kubedos.Providers.Local;

/// <summary>
/// The local lab substrate on this machine: underlays (a switch per stack) and nodes (network
/// namespaces with their own hostname and private mounts). Every operation is idempotent.
/// </summary>
/// <remarks>Needs root, iproute2 and util-linux; see <c>scripts/install-host-deps.sh</c>.</remarks>
public sealed class LocalLab
{
    private readonly UnderlayNetwork underlays;
    private readonly NodeProvisioner nodes;

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
    }

    /// <summary>The host seam (the operator's own WireGuard peer runs on the host, not in a node).</summary>
    internal ICommandRunner Runner { get; }

    /// <summary>Where node state lives.</summary>
    public LabOptions Options { get; }

    /// <summary>Creates the stack's underlay, or adopts it; fallback routes are installed first.</summary>
    public Task<Underlay> EnsureUnderlayAsync(UnderlaySpec spec, CancellationToken cancellationToken) =>
        underlays.EnsureAsync(spec, cancellationToken);

    /// <summary>The stack's underlay, or null when it does not exist.</summary>
    public Task<Underlay?> FindUnderlayAsync(string stack, CancellationToken cancellationToken) =>
        underlays.FindAsync(stack, cancellationToken);

    /// <summary>Removes the stack's underlay, and any node of the stack still left; its fallback routes go last.</summary>
    /// <remarks>
    /// Nodes are normally deleted before their underlay; one left behind (say a create interrupted
    /// before the engine recorded it) would otherwise outlive its lab.
    /// </remarks>
    public async Task RemoveUnderlayAsync(string stack, CancellationToken cancellationToken)
    {
        foreach (var node in await nodes.ListAsync(stack, cancellationToken))
        {
            await nodes.RemoveAsync(stack, node, cancellationToken);
        }

        await underlays.RemoveAsync(stack, cancellationToken);
        var directory = Options.StackDirectory(stack);
        if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
        }
    }

    /// <summary>The names of the stack's nodes that exist in any form (namespace or state).</summary>
    public Task<IReadOnlyList<string>> ListNodesAsync(string stack, CancellationToken cancellationToken) =>
        nodes.ListAsync(stack, cancellationToken);

    /// <summary>Creates the node on its stack's underlay, or adopts it when it already runs.</summary>
    public Task<LabNode> EnsureNodeAsync(NodeSpec spec, CancellationToken cancellationToken) =>
        nodes.EnsureAsync(spec, cancellationToken);

    /// <summary>The running node, or null when it does not exist or its holder died.</summary>
    public Task<LabNode?> FindNodeAsync(string stack, string node, CancellationToken cancellationToken) =>
        nodes.FindAsync(stack, node, cancellationToken);

    /// <summary>Stops every process of the node and removes its namespace, link, mounts and state.</summary>
    public Task RemoveNodeAsync(string stack, string node, CancellationToken cancellationToken) =>
        nodes.RemoveAsync(stack, node, cancellationToken);
}
