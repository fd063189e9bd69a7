using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Local;

/// <summary>Inputs of <c>local:lab:Node</c>.</summary>
/// <param name="Name">The node name, also its hostname (a lowercase DNS label).</param>
/// <param name="Address">The node's underlay address.</param>
/// <param name="UnderlayCidr">The underlay's CIDR (the <c>cidr</c> output of <c>local:lab:Underlay</c>).</param>
/// <param name="Stack">The lab's stack; null takes the URN's stack.</param>
/// <param name="LabOwner">The id of the state that owns the lab (the underlay's <c>labOwner</c>); required, null only in a state recorded before lab owners.</param>
/// <param name="RootfsTarball">The node image's rootfs tarball; null shares the host's files.</param>
/// <param name="RootfsSha256">The digest the tarball must hash to.</param>
internal sealed record NodeInputs(
    [property: ReplaceOnChange("a node's names and state derive from its name")] string Name,
    string Address,
    string UnderlayCidr,
    [property: ReplaceOnChange("a node's names derive from its stack")] string? Stack = null,
    string? LabOwner = null,
    string? RootfsTarball = null,
    [property: ReplaceOnChange("a node runs the image it was made from: another image is a new machine")] string? RootfsSha256 = null);

/// <summary>Outputs of <c>local:lab:Node</c>: everything later stages need to reach the node.</summary>
internal sealed record NodeOutputs(
    string Stack,
    string Name,
    string Hostname,
    string Namespace,
    string Address,
    string UnderlayCidr,
    string Interface,
    string StateDirectory,
    int HolderPid,
    string? LabOwner = null,
    string? Instance = null);

/// <summary><c>local:lab:Node</c>: a network namespace with its own hostname and private mounts, on the underlay.</summary>
internal sealed class NodeHandler(LocalLab lab) : ResourceHandler<NodeInputs, NodeOutputs>
{
    public override string Type => NodeResource.TypeToken;

    protected override bool UpdatesInPlace => true;

    protected override IEnumerable<CheckFailure> Validate(NodeInputs inputs)
    {
        foreach (var failure in LabFailures.Label("name", inputs.Name).Concat(LabFailures.Label("stack", inputs.Stack)).Concat(LabFailures.Owner(inputs.LabOwner)))
        {
            yield return failure;
        }

        if ((inputs.RootfsTarball is null) != (inputs.RootfsSha256 is null))
        {
            yield return new CheckFailure("rootfsSha256", "a node image needs both its rootfs tarball and its SHA-256");
        }
        else if (inputs.RootfsSha256 is not null && !LabImage.IsDigest(inputs.RootfsSha256))
        {
            yield return new CheckFailure("rootfsSha256", $"'{inputs.RootfsSha256}' is not a SHA-256 (64 lowercase hex digits)");
        }
        else if (inputs.RootfsTarball is not null && !Path.IsPathFullyQualified(inputs.RootfsTarball))
        {
            yield return new CheckFailure("rootfsTarball", $"'{inputs.RootfsTarball}' is not an absolute path");
        }

        var cidrOk = Ipv4.TryParseNetwork(inputs.UnderlayCidr, out var cidr);
        if (!cidrOk)
        {
            yield return new CheckFailure("underlayCidr", $"'{inputs.UnderlayCidr}' is not an IPv4 network in canonical CIDR notation (a.b.c.d/n, decimal, no leading zeros)");
        }

        if (!Ipv4.TryParseAddress(inputs.Address, out var address))
        {
            yield return new CheckFailure("address", $"'{inputs.Address}' is not a canonical IPv4 address (four decimal octets, no leading zeros)");
        }
        else if (cidrOk && (!Ipv4.IsHostAddress(cidr, address) || address.Equals(Ipv4.LastUsable(cidr))))
        {
            yield return new CheckFailure(
                "address", $"{inputs.Address} is not a free host address of {inputs.UnderlayCidr} (the last usable address is the operator's)");
        }
    }

    protected override DiffResponse Diff(DiffRequest request) => LabFailures.DeleteFirst(base.Diff(request));

    protected override async Task<LiveResource<NodeOutputs>> CreateAsync(Urn urn, NodeInputs inputs, CancellationToken cancellationToken)
    {
        var outputs = await EnsureAsync(urn, inputs, cancellationToken);
        return new LiveResource<NodeOutputs>(outputs.Namespace, outputs);
    }

    protected override Task<NodeOutputs> UpdateAsync(
        Urn urn, string id, NodeInputs oldInputs, NodeOutputs oldOutputs, NodeInputs newInputs, CancellationToken cancellationToken) =>
        EnsureAsync(urn, newInputs, cancellationToken);

    protected override Task<LiveResource<NodeOutputs>?> ReadAsync(
        Urn urn, string? id, NodeInputs inputs, NodeOutputs? outputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, null, async () =>
        {
            // A node of another state's lab is not this resource: it reads as gone.
            var node = await lab.FindOwnedNodeAsync(outputs?.Stack ?? LabFailures.StackOf(urn, inputs.Stack), inputs.Name, inputs.LabOwner, cancellationToken);
            return node is null ? null : new LiveResource<NodeOutputs>(node.Namespace, ToOutputs(node, inputs.UnderlayCidr, inputs.LabOwner));
        });

    protected override Task DeleteAsync(Urn urn, string id, NodeInputs inputs, NodeOutputs outputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, null, async () =>
        {
            await lab.RemoveNodeAsync(outputs.Stack, outputs.Name, inputs.LabOwner, cancellationToken);
            return true;
        });

    private Task<NodeOutputs> EnsureAsync(Urn urn, NodeInputs inputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, "address", async () =>
        {
            var stack = LabFailures.StackOf(urn, inputs.Stack);
            var owner = inputs.LabOwner ?? throw new ProviderException(urn, "labOwner", "the node needs the id of the state that owns its lab");
            var image = inputs.RootfsSha256 is { } sha ? new LabImage(inputs.RootfsTarball!, sha) : null;
            var spec = new LabNodeSpec(stack, inputs.Name, Ipv4.ParseAddress(inputs.Address), Ipv4.ParseNetwork(inputs.UnderlayCidr), owner, image);
            return ToOutputs(await lab.EnsureNodeAsync(spec, cancellationToken), inputs.UnderlayCidr, owner);
        });

    private static NodeOutputs ToOutputs(LabNode node, string underlayCidr, string? owner) => new(
        node.Stack,
        node.Name,
        node.Name,
        node.Namespace,
        node.Address.ToString(),
        underlayCidr,
        LabNames.NodeInterface,
        node.StateDirectory,
        node.Holder.Pid,
        owner,
        node.Instance);
}
