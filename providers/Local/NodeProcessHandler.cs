using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Local;

/// <summary>Inputs of <c>local:lab:Process</c>.</summary>
/// <param name="Node">The node (its name) to run on.</param>
/// <param name="Name">The process name (a DNS label): its PID file and log are named after it.</param>
/// <param name="Command">argv of a program that stays in the foreground, e.g. <c>["/usr/sbin/sshd", "-D"]</c>.</param>
/// <param name="Environment">Variables for the program.</param>
/// <param name="Triggers">Values whose change restarts the program (e.g. the hash of its configuration file).</param>
/// <param name="Stack">The lab's stack; null takes the URN's stack.</param>
/// <param name="LabOwner">The id of the state that owns the lab (the node's <c>labOwner</c>); required, null only in a state recorded before lab owners.</param>
internal sealed record NodeProcessInputs(
    string Node,
    string Name,
    IReadOnlyList<string> Command,
    IReadOnlyDictionary<string, string>? Environment = null,
    IReadOnlyList<string>? Triggers = null,
    string? Stack = null,
    string? LabOwner = null);

/// <summary>Outputs of <c>local:lab:Process</c>; PID plus start time tell the process from a later one with its PID.</summary>
internal sealed record NodeProcessOutputs(string Stack, string Node, string Name, int Pid, long StartTicks, string LogFile);

/// <summary><c>local:lab:Process</c>: a long-lived program on a node (a service), stopped on delete.</summary>
internal sealed class NodeProcessHandler(LocalLab lab) : ResourceHandler<NodeProcessInputs, NodeProcessOutputs>
{
    public override string Type => "local:lab:Process";

    protected override IEnumerable<CheckFailure> Validate(NodeProcessInputs inputs)
    {
        if (inputs.Command.Count == 0)
        {
            yield return new CheckFailure("command", "needs at least the program to run");
        }

        foreach (var failure in LabFailures.Label("node", inputs.Node)
                     .Concat(LabFailures.Label("name", inputs.Name))
                     .Concat(LabFailures.Label("stack", inputs.Stack))
                     .Concat(LabFailures.Owner(inputs.LabOwner)))
        {
            yield return failure;
        }
    }

    // Old and new would share the name (and likely a port): stop the old one first.
    protected override DiffResponse Diff(DiffRequest request) => LabFailures.DeleteFirst(base.Diff(LabFailures.OwnerFirstRecorded(request)));

    protected override Task<LiveResource<NodeProcessOutputs>> CreateAsync(Urn urn, NodeProcessInputs inputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, "command", async () =>
        {
            var stack = LabFailures.StackOf(urn, inputs.Stack);
            var node = await LabFailures.NodeAsync(lab, urn, stack, inputs.Node, inputs.LabOwner, cancellationToken);
            var process = await node.StartProcessAsync(inputs.Name, inputs.Command, inputs.Environment, cancellationToken);
            var outputs = new NodeProcessOutputs(stack, inputs.Node, inputs.Name, process.Pid, process.StartTicks, $"/var/log/kubedos/{inputs.Name}.log");
            return new LiveResource<NodeProcessOutputs>($"{stack}/{inputs.Node}:{inputs.Name}", outputs);
        });

    protected override Task<LiveResource<NodeProcessOutputs>?> ReadAsync(
        Urn urn, string? id, NodeProcessInputs inputs, NodeProcessOutputs? outputs, CancellationToken cancellationToken) =>
        Task.FromResult(
            id is not null && outputs is not null && Identity(outputs).IsAlive()
                ? new LiveResource<NodeProcessOutputs>(id, outputs)
                : null);

    protected override Task DeleteAsync(Urn urn, string id, NodeProcessInputs inputs, NodeProcessOutputs outputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, null, async () =>
        {
            var process = Identity(outputs);
            if (process.IsAlive() && await lab.FindOwnedNodeAsync(outputs.Stack, outputs.Node, inputs.LabOwner, cancellationToken) is { } node)
            {
                await node.StopProcessAsync(process, cancellationToken);
            }

            return true;
        });

    private static ProcessIdentity Identity(NodeProcessOutputs outputs) => new(outputs.Pid, outputs.StartTicks, outputs.Name);
}
