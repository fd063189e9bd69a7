using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Local;

/// <summary>Inputs of <c>local:lab:Disk</c>.</summary>
/// <param name="Node">The node (its name) the disk belongs to.</param>
/// <param name="Name">The disk's name (a DNS label): its file is <c>disks/NAME.img</c> in the node's state.</param>
/// <param name="SizeGiB">Its size in GiB (the file is sparse: it takes only what is written).</param>
/// <param name="Stack">The lab's stack; null takes the URN's stack.</param>
/// <param name="LabOwner">The id of the state that owns the lab (the node's <c>labOwner</c>).</param>
internal sealed record NodeDiskInputs(
    [property: ReplaceOnChange("the disk belongs to its node")] string Node,
    [property: ReplaceOnChange("another name is another disk")] string Name,
    [property: ReplaceOnChange("a disk's size is fixed when it is made")] int SizeGiB,
    [property: ReplaceOnChange("the disk belongs to its stack's node")] string? Stack = null,
    string? LabOwner = null);

/// <summary>Outputs of <c>local:lab:Disk</c>: the loop device the node sees and the host file behind it.</summary>
internal sealed record NodeDiskOutputs(string Stack, string Node, string Name, string Device, string File, int SizeGiB);

/// <summary><c>local:lab:Disk</c>: a disk of a lab node, a sparse file attached as a loop device; deleting it detaches the device and removes the file.</summary>
internal sealed class NodeDiskHandler(LocalLab lab) : ResourceHandler<NodeDiskInputs, NodeDiskOutputs>
{
    public const string TypeToken = "local:lab:Disk";

    private readonly LabDisks disks = new(lab.Runner);

    public override string Type => TypeToken;

    protected override IEnumerable<CheckFailure> Validate(NodeDiskInputs inputs)
    {
        if (inputs.SizeGiB is < 1 or > 1024)
        {
            yield return new CheckFailure("sizeGiB", $"{inputs.SizeGiB} GiB: a lab disk is 1 to 1024 GiB (sparse)");
        }

        foreach (var failure in LabFailures.NodeAndStack(inputs.Node, inputs.Stack, inputs.LabOwner).Concat(LabFailures.Label("name", inputs.Name)))
        {
            yield return failure;
        }
    }

    protected override DiffResponse Diff(DiffRequest request) => base.Diff(LabFailures.OwnerFirstRecorded(request));

    protected override Task<LiveResource<NodeDiskOutputs>> CreateAsync(Urn urn, NodeDiskInputs inputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, "node", async () =>
        {
            var stack = LabFailures.StackOf(urn, inputs.Stack);
            var node = await LabFailures.NodeAsync(lab, urn, stack, inputs.Node, inputs.LabOwner, cancellationToken);
            var file = LabDisks.FileOf(node.StateDirectory, inputs.Name);
            var device = await disks.AttachAsync(file, inputs.SizeGiB * 1024L * 1024 * 1024, cancellationToken);
            return new LiveResource<NodeDiskOutputs>($"{stack}/{inputs.Node}:{inputs.Name}", new NodeDiskOutputs(stack, inputs.Node, inputs.Name, device, file, inputs.SizeGiB));
        });

    protected override Task<LiveResource<NodeDiskOutputs>?> ReadAsync(
        Urn urn, string? id, NodeDiskInputs inputs, NodeDiskOutputs? outputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, null, async () =>
        {
            var stack = LabFailures.StackOf(urn, inputs.Stack);
            var node = await lab.FindOwnedNodeAsync(stack, inputs.Node, inputs.LabOwner, cancellationToken);
            if (node is null)
            {
                return null;
            }

            var file = LabDisks.FileOf(node.StateDirectory, inputs.Name);
            var device = File.Exists(file) ? await disks.DeviceOfAsync(file, cancellationToken) : null;
            return device is null
                ? null
                : new LiveResource<NodeDiskOutputs>($"{stack}/{inputs.Node}:{inputs.Name}", new NodeDiskOutputs(stack, inputs.Node, inputs.Name, device, file, inputs.SizeGiB));
        });

    protected override Task DeleteAsync(Urn urn, string id, NodeDiskInputs inputs, NodeDiskOutputs outputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, null, async () =>
        {
            // Only a disk of this state's lab: another state's is not touched.
            if (await lab.OwnsAsync(outputs.Stack, inputs.LabOwner, cancellationToken))
            {
                await disks.RemoveAsync(outputs.File, cancellationToken);
            }

            return true;
        });
}
