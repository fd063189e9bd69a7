using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Local;

/// <summary>Inputs of <c>local:lab:Command</c>.</summary>
/// <param name="Node">The node (its name) to run on.</param>
/// <param name="Create">argv run once when the resource is created (or replaced); it must exit 0.</param>
/// <param name="Delete">argv run when the resource is deleted, if the node still runs; null runs nothing.</param>
/// <param name="Environment">Variables for both commands.</param>
/// <param name="Triggers">Values whose change re-runs the command (e.g. the hash of a file it reads).</param>
/// <param name="Stack">The lab's stack; null takes the URN's stack.</param>
/// <param name="LabOwner">The id of the state that owns the lab (the node's <c>labOwner</c>); required, null only in a state recorded before lab owners.</param>
internal sealed record NodeCommandInputs(
    string Node,
    IReadOnlyList<string> Create,
    IReadOnlyList<string>? Delete = null,
    IReadOnlyDictionary<string, string>? Environment = null,
    IReadOnlyList<string>? Triggers = null,
    string? Stack = null,
    string? LabOwner = null);

/// <summary>Outputs of <c>local:lab:Command</c>: what the create command printed.</summary>
internal sealed record NodeCommandOutputs(string Stack, string Node, string Stdout, string Stderr);

/// <summary><c>local:lab:Command</c>: a command run once on a node, with an optional undo on delete.</summary>
internal sealed class NodeCommandHandler(LocalLab lab) : ResourceHandler<NodeCommandInputs, NodeCommandOutputs>
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public override string Type => "local:lab:Command";

    protected override IEnumerable<CheckFailure> Validate(NodeCommandInputs inputs)
    {
        if (inputs.Create.Count == 0)
        {
            yield return new CheckFailure("create", "needs at least the program to run");
        }

        if (inputs.Delete is { Count: 0 })
        {
            yield return new CheckFailure("delete", "needs at least the program to run (or leave it out)");
        }

        foreach (var failure in LabFailures.NodeAndStack(inputs.Node, inputs.Stack, inputs.LabOwner))
        {
            yield return failure;
        }
    }

    protected override DiffResponse Diff(DiffRequest request) => base.Diff(LabFailures.OwnerFirstRecorded(request));

    protected override Task<LiveResource<NodeCommandOutputs>> CreateAsync(Urn urn, NodeCommandInputs inputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, "create", async () =>
        {
            var stack = LabFailures.StackOf(urn, inputs.Stack);
            var node = await LabFailures.NodeAsync(lab, urn, stack, inputs.Node, inputs.LabOwner, cancellationToken);
            var result = await node.ExecAsync(Command(inputs.Create, inputs), cancellationToken);
            if (!result.Succeeded)
            {
                var what = result.TimedOut ? $"timed out after {Limit.TotalMinutes:0} min" : $"exited with {result.ExitCode}";
                throw new ProviderException(urn, "create", $"`{string.Join(' ', inputs.Create)}` on node {inputs.Node} {what}: {result.Stderr.Trim()}");
            }

            var id = $"{stack}/{inputs.Node}:{urn.Name}";
            return new LiveResource<NodeCommandOutputs>(id, new NodeCommandOutputs(stack, inputs.Node, result.Stdout, result.Stderr));
        });

    // What a command did cannot be read back; it stands while its node does.
    protected override Task<LiveResource<NodeCommandOutputs>?> ReadAsync(
        Urn urn, string? id, NodeCommandInputs inputs, NodeCommandOutputs? outputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, null, async () =>
            id is null || outputs is null || await lab.FindOwnedNodeAsync(outputs.Stack, outputs.Node, inputs.LabOwner, cancellationToken) is null
                ? null
                : new LiveResource<NodeCommandOutputs>(id, outputs));

    protected override Task DeleteAsync(Urn urn, string id, NodeCommandInputs inputs, NodeCommandOutputs outputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, "delete", async () =>
        {
            if (inputs.Delete is { } undo && await lab.FindOwnedNodeAsync(outputs.Stack, outputs.Node, inputs.LabOwner, cancellationToken) is { } node)
            {
                await node.ExecCheckedAsync(Command(undo, inputs), cancellationToken);
            }

            return true;
        });

    private static NodeInvocation Command(IReadOnlyList<string> arguments, NodeCommandInputs inputs) =>
        new(arguments)
        {
            Environment = inputs.Environment ?? new Dictionary<string, string>(StringComparer.Ordinal),
            Timeout = Limit,
        };
}
