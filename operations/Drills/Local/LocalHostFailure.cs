using System.Globalization;
using Kubedos.Engine.State;
using Kubedos.Providers.Local;

namespace Kubedos.Operations.Drills.Local;

/// <summary>
/// A host failure on the local lab: every process in the node's network namespace is killed (SIGKILL, no shutdown) and the
/// namespace is removed, the way a machine that lost power and its disk controller looks to everything around it.
/// </summary>
/// <remarks>
/// It touches only a lab this state owns (the node's <c>labOwner</c> in the state is the lab's owner file), and only the
/// node's own namespace, named as the provider names it (<see cref="LabNames"/>). The node's state directory on the host
/// is left behind as a dead disk would be; the provider makes the node anew with an empty one.
/// </remarks>
internal sealed class LocalHostFailure(ICommandRunner runner, LocalLab lab) : IHostFailure
{
    public LocalHostFailure()
        : this(new HostCommandRunner(), new LocalLab())
    {
    }

    public string Describe(string stack, string node) =>
        $"every process in network namespace {LabNames.For(stack).NodeNamespace(node)} killed (SIGKILL) and the namespace removed, out of band";

    public async Task FailAsync(string stack, string node, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var resource = StateLab.Node(checkpoint, node)
            ?? throw new OperationRefusedException($"stack '{stack}' records no {NodeResource.TypeToken} named '{node}'; nothing was touched");
        await StateLab.RequireOwnedAsync(lab, stack, checkpoint, resource, "a drill fails", cancellationToken);

        var space = LabNames.For(stack).NodeNamespace(node);
        var pids = await PidsAsync(space, cancellationToken);
        if (!pids.Succeeded)
        {
            throw new OperationRefusedException($"node {node} of stack '{stack}' has no namespace {space} to fail ({pids.Stderr.Trim()})");
        }

        var victims = pids.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .ToArray();
        if (victims.Length > 0)
        {
            await runner.RunAsync(HostCommand.Of("kill", ["-KILL", .. victims]), cancellationToken);
        }

        var removed = await runner.RunAsync(HostCommand.Of("ip", "netns", "delete", space), cancellationToken);
        if (!removed.Succeeded)
        {
            throw new InvalidOperationException($"removing namespace {space} failed: {removed.Stderr.Trim()}");
        }
    }

    public async Task<bool> IsGoneAsync(string stack, string node, CancellationToken cancellationToken) =>
        !(await PidsAsync(LabNames.For(stack).NodeNamespace(node), cancellationToken)).Succeeded;

    private Task<ProcessResult> PidsAsync(string space, CancellationToken cancellationToken) =>
        runner.RunAsync(HostCommand.Of("ip", "netns", "pids", space), cancellationToken);
}
