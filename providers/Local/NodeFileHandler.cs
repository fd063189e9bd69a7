using System.Text;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Pki;

namespace Kubedos.Providers.Local;

/// <summary>Inputs of <c>local:lab:File</c>.</summary>
/// <param name="Node">The node (its name) the file lives on.</param>
/// <param name="Path">The absolute path inside the node's private filesystem.</param>
/// <param name="Content">The file's text (a secret input stays secret in state).</param>
/// <param name="Mode">Octal permissions, e.g. 0600.</param>
/// <param name="Owner">The file's owner on the node, <c>user</c> or <c>user:group</c>; null keeps root.</param>
/// <param name="Stack">The lab's stack; null takes the URN's stack.</param>
/// <param name="LabOwner">The id of the state that owns the lab (the node's <c>labOwner</c>); required, null only in a state recorded before lab owners.</param>
internal sealed record NodeFileInputs(
    [property: ReplaceOnChange("the file belongs to its node")] string Node,
    [property: ReplaceOnChange("a file at another path is another file")] string Path,
    string Content,
    string Mode = "0644",
    string? Owner = null,
    [property: ReplaceOnChange("the file belongs to its stack's node")] string? Stack = null,
    string? LabOwner = null);

/// <summary>Outputs of <c>local:lab:File</c>; the content itself is not repeated.</summary>
internal sealed record NodeFileOutputs(string Stack, string Node, string Path, string Mode, string Sha256);

/// <summary><c>local:lab:File</c>: a file written into a node's private filesystem.</summary>
internal sealed class NodeFileHandler(LocalLab lab) : ResourceHandler<NodeFileInputs, NodeFileOutputs>
{
    public override string Type => "local:lab:File";

    protected override bool UpdatesInPlace => true;

    protected override IEnumerable<CheckFailure> Validate(NodeFileInputs inputs)
    {
        if (!inputs.Path.StartsWith('/') || inputs.Path.Split('/').Contains(".."))
        {
            yield return new CheckFailure("path", $"'{inputs.Path}' must be an absolute path without '..'");
        }

        if (inputs.Mode.Length is < 3 or > 4 || !inputs.Mode.All(c => c is >= '0' and <= '7'))
        {
            yield return new CheckFailure("mode", $"'{inputs.Mode}' must be octal permissions such as 0644");
        }

        if (inputs.Owner is not null && !LabNode.IsOwner(inputs.Owner))
        {
            yield return new CheckFailure("owner", $"'{inputs.Owner}' must be user or user:group");
        }

        foreach (var failure in LabFailures.NodeAndStack(inputs.Node, inputs.Stack, inputs.LabOwner))
        {
            yield return failure;
        }
    }

    // Inputs alone are compared: a refresh records the content's digest as it is on the node, and a file a service changes
    // after its seed (the enrollment service marks tokens spent in tokens.json) is not written back over. A write is whole or
    // not at all (LabNode.WriteFileAsync), so a file adopted after a killed create holds what its inputs say.
    protected override DiffResponse Diff(DiffRequest request) => base.Diff(LabFailures.OwnerFirstRecorded(request));

    protected override async Task<LiveResource<NodeFileOutputs>> CreateAsync(Urn urn, NodeFileInputs inputs, CancellationToken cancellationToken)
    {
        var outputs = await WriteAsync(urn, inputs, cancellationToken);
        return new LiveResource<NodeFileOutputs>($"{outputs.Stack}/{outputs.Node}:{outputs.Path}", outputs);
    }

    protected override Task<NodeFileOutputs> UpdateAsync(
        Urn urn, string id, NodeFileInputs oldInputs, NodeFileOutputs oldOutputs, NodeFileInputs newInputs, CancellationToken cancellationToken) =>
        WriteAsync(urn, newInputs, cancellationToken);

    protected override Task<LiveResource<NodeFileOutputs>?> ReadAsync(
        Urn urn, string? id, NodeFileInputs inputs, NodeFileOutputs? outputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, null, async () =>
        {
            var stack = LabFailures.StackOf(urn, inputs.Stack);
            var node = await lab.FindOwnedNodeAsync(stack, inputs.Node, inputs.LabOwner, cancellationToken);
            var content = node is null ? null : await node.ReadFileAsync(inputs.Path, cancellationToken);
            return content is null
                ? null
                : new LiveResource<NodeFileOutputs>(
                    $"{stack}/{inputs.Node}:{inputs.Path}", new NodeFileOutputs(stack, inputs.Node, inputs.Path, inputs.Mode, Hash(content)));
        });

    protected override Task DeleteAsync(Urn urn, string id, NodeFileInputs inputs, NodeFileOutputs outputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, null, async () =>
        {
            // A file on a node that is already gone went with it; a node of another state's lab is not touched.
            if (await lab.FindOwnedNodeAsync(outputs.Stack, outputs.Node, inputs.LabOwner, cancellationToken) is { } node)
            {
                await node.ExecCheckedAsync(cancellationToken, "rm", "-f", outputs.Path);
            }

            return true;
        });

    private Task<NodeFileOutputs> WriteAsync(Urn urn, NodeFileInputs inputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, "path", async () =>
        {
            var stack = LabFailures.StackOf(urn, inputs.Stack);
            var node = await LabFailures.NodeAsync(lab, urn, stack, inputs.Node, inputs.LabOwner, cancellationToken);
            await node.WriteFileAsync(inputs.Path, Encoding.UTF8.GetBytes(inputs.Content), inputs.Mode, inputs.Owner, cancellationToken);
            return new NodeFileOutputs(stack, inputs.Node, inputs.Path, inputs.Mode, Hash(inputs.Content));
        });

    private static string Hash(string content) => Sha256Hex.Of(content);
}
