using Kubedos.Engine.State;
using Kubedos.Operations.Drills.Local;
using Kubedos.Providers.Local;

namespace Kubedos.Operations.Runbooks.Local;

/// <summary>
/// Fencing on the local lab: inside every other node of this state's lab (its namespaces, its /run), the fenced node's
/// peers are removed from each plane and a <c>kubedos-fence</c> nftables table drops its plane and underlay addresses both
/// ways (the underlay carries its WireGuard handshakes); on the host,
/// its peer leaves the operator's wg1 interface. All nodes at once.
/// </summary>
internal sealed class LocalNodeFence(ICommandRunner runner, LocalLab lab) : INodeFence
{
    public LocalNodeFence()
        : this(new HostCommandRunner(), new LocalLab())
    {
    }

    public async Task<IReadOnlyList<string>> FenceAsync(string stack, NodeFence fence, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fence);
        ArgumentNullException.ThrowIfNull(checkpoint);
        await StateLab.RequireOwnedAsync(lab, stack, checkpoint, null, "a runbook fences", cancellationToken);
        var underlay = StateLab.Node(checkpoint, fence.Node) is { } recorded ? StateLab.Text(recorded.Outputs, "address") : null;
        fence = underlay is null ? fence : fence with { Addresses = [.. fence.Addresses, underlay] };
        var script = fence.Script();
        var onNodes = fence.Others.Select(async other =>
        {
            var node = await lab.FindNodeAsync(stack, other, cancellationToken);
            if (node is null)
            {
                return $"{other}: not running, nothing to fence there";
            }

            var result = await node.ExecAsync(new NodeInvocation(["sh", "-c", script]), cancellationToken);
            return result.Succeeded
                ? $"{other}: peers of {fence.Node} removed on {string.Join(", ", fence.PlaneKeys.Keys.Order(StringComparer.Ordinal))}, {string.Join(", ", fence.Addresses)} dropped"
                : throw new InvalidOperationException($"fencing {fence.Node} on {other} failed: {result.Stderr.Trim()}");
        }).ToList();
        var operatorInterface = LabNames.For(stack).OperatorInterface;
        var onHost = Task.WhenAll(fence.PlaneKeys.Values.Select(key =>
            runner.RunAsync(HostCommand.Of("wg", "set", operatorInterface, "peer", key, "remove"), cancellationToken)));
        var done = await Task.WhenAll(onNodes);
        await onHost;
        return [.. done, $"operator: peer of {fence.Node} removed from {operatorInterface}"];
    }

    public async Task LiftAsync(string stack, NodeFence fence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fence);
        await Task.WhenAll(fence.Others.Select(async other =>
        {
            if (await lab.FindNodeAsync(stack, other, cancellationToken) is { } node)
            {
                await node.ExecAsync(new NodeInvocation(["sh", "-c", NodeFence.LiftScript]), cancellationToken);
            }
        }));
    }
}
