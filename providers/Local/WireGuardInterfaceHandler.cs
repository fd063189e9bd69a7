using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Local;

/// <summary>Inputs of <c>local:lab:WireGuardInterface</c>.</summary>
/// <param name="Node">The node (its name) the interface lives on.</param>
/// <param name="Name">The interface name, e.g. wg1.</param>
/// <param name="Stack">The lab's stack; null takes the URN's stack.</param>
/// <param name="LabOwner">The id of the state that owns the lab (the node's <c>labOwner</c>); required, null only in a state recorded before lab owners.</param>
internal sealed record WireGuardInterfaceInputs(string Node, string Name, string? Stack = null, string? LabOwner = null);

/// <summary>Outputs of <c>local:lab:WireGuardInterface</c>; <c>implementation</c> is Kernel or Userspace.</summary>
internal sealed record WireGuardInterfaceOutputs(string Stack, string Node, string Name, string Implementation);

/// <summary>
/// <c>local:lab:WireGuardInterface</c>: a bare WireGuard interface on a node (kernel or wireguard-go);
/// keys, peers and addresses are configured on it afterwards with <c>wg</c> and <c>ip</c>.
/// </summary>
internal sealed class WireGuardInterfaceHandler(LocalLab lab) : ResourceHandler<WireGuardInterfaceInputs, WireGuardInterfaceOutputs>
{
    public override string Type => "local:lab:WireGuardInterface";

    protected override IEnumerable<CheckFailure> Validate(WireGuardInterfaceInputs inputs)
    {
        if (!LabNames.IsName(inputs.Name) || inputs.Name.Length > 15)
        {
            yield return new CheckFailure("name", $"'{inputs.Name}' must be a lowercase interface name of at most 15 characters");
        }

        foreach (var failure in LabFailures.NodeAndStack(inputs.Node, inputs.Stack, inputs.LabOwner))
        {
            yield return failure;
        }
    }

    // Old and new would compete for the interface name.
    protected override DiffResponse Diff(DiffRequest request) => LabFailures.DeleteFirst(base.Diff(LabFailures.OwnerFirstRecorded(request)));

    protected override Task<LiveResource<WireGuardInterfaceOutputs>> CreateAsync(
        Urn urn, WireGuardInterfaceInputs inputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, "name", async () =>
        {
            var stack = LabFailures.StackOf(urn, inputs.Stack);
            var node = await LabFailures.NodeAsync(lab, urn, stack, inputs.Node, inputs.LabOwner, cancellationToken);
            var implementation = await WireGuardInterface.EnsureAsync(node, inputs.Name, cancellationToken);
            return Live(stack, inputs, implementation);
        });

    protected override Task<LiveResource<WireGuardInterfaceOutputs>?> ReadAsync(
        Urn urn, string? id, WireGuardInterfaceInputs inputs, WireGuardInterfaceOutputs? outputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, null, async () =>
        {
            var stack = outputs?.Stack ?? LabFailures.StackOf(urn, inputs.Stack);
            var node = await lab.FindOwnedNodeAsync(stack, inputs.Node, inputs.LabOwner, cancellationToken);
            var implementation = node is null ? null : await WireGuardInterface.FindAsync(node, inputs.Name, cancellationToken);
            return implementation is { } found ? Live(stack, inputs, found) : null;
        });

    protected override Task DeleteAsync(
        Urn urn, string id, WireGuardInterfaceInputs inputs, WireGuardInterfaceOutputs outputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, null, async () =>
        {
            if (await lab.FindOwnedNodeAsync(outputs.Stack, outputs.Node, inputs.LabOwner, cancellationToken) is { } node)
            {
                await WireGuardInterface.RemoveAsync(node, outputs.Name, cancellationToken);
            }

            return true;
        });

    private static LiveResource<WireGuardInterfaceOutputs> Live(string stack, WireGuardInterfaceInputs inputs, WireGuardImplementation implementation) =>
        new($"{stack}/{inputs.Node}:{inputs.Name}", new WireGuardInterfaceOutputs(stack, inputs.Node, inputs.Name, implementation.ToString()));
}
