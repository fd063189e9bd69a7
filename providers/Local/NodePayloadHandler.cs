using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;
using Kubedos.Pki;

namespace Kubedos.Providers.Local;

/// <summary>Inputs of <c>local:lab:Payload</c>.</summary>
/// <param name="Node">The node (its name) the files go to.</param>
/// <param name="Directory">The absolute directory in the node's private filesystem that holds them (replaced whole).</param>
/// <param name="Source">The host directory the files are read from.</param>
/// <param name="Files">The files, relative to <paramref name="Source"/>.</param>
/// <param name="Digest">The digest the program read (<see cref="NodePayload.Digest"/>); a source that changed since is refused.</param>
/// <param name="Stack">The lab's stack; null takes the URN's stack.</param>
/// <param name="LabOwner">The id of the state that owns the lab (the node's <c>labOwner</c>); required, null only in a state recorded before lab owners.</param>
internal sealed record NodePayloadInputs(
    [property: ReplaceOnChange("the payload belongs to its node")] string Node,
    [property: ReplaceOnChange("a payload in another directory is another payload")] string Directory,
    string Source,
    IReadOnlyList<string> Files,
    string Digest,
    [property: ReplaceOnChange("the payload belongs to its stack's node")] string? Stack = null,
    string? LabOwner = null);

/// <summary>Outputs of <c>local:lab:Payload</c>: where it is and the digest of what the node holds.</summary>
internal sealed record NodePayloadOutputs(string Stack, string Node, string Directory, string Digest);

/// <summary><c>local:lab:Payload</c>: host files installed whole into a node's private filesystem, checked by their manifest.</summary>
internal sealed class NodePayloadHandler(LocalLab lab) : ResourceHandler<NodePayloadInputs, NodePayloadOutputs>
{
    /// <summary>The digest a read reports when the node's files no longer match their manifest.</summary>
    public const string Modified = "modified";

    public override string Type => "local:lab:Payload";

    protected override bool UpdatesInPlace => true;

    protected override IEnumerable<CheckFailure> Validate(NodePayloadInputs inputs)
    {
        if (!inputs.Directory.StartsWith('/') || inputs.Directory.Split('/').Contains("..") || inputs.Directory.TrimEnd('/').Length == 0)
        {
            yield return new CheckFailure("directory", $"'{inputs.Directory}' must be an absolute path below / without '..'");
        }

        if (!Path.IsPathRooted(inputs.Source))
        {
            yield return new CheckFailure("source", $"'{inputs.Source}' must be an absolute host directory");
        }

        if (inputs.Files.Count == 0)
        {
            yield return new CheckFailure("files", "a payload needs at least one file");
        }

        foreach (var file in inputs.Files)
        {
            string? reason = null;
            try
            {
                NodePayload.CheckRelative(file);
            }
            catch (ArgumentException e)
            {
                reason = e.Message;
            }

            if (reason is not null)
            {
                yield return new CheckFailure("files", reason);
            }
        }

        if (inputs.Digest.Length != 64 || !inputs.Digest.All(char.IsAsciiHexDigitLower))
        {
            yield return new CheckFailure("digest", $"'{inputs.Digest}' must be a lower-case hex SHA-256");
        }

        foreach (var failure in LabFailures.NodeAndStack(inputs.Node, inputs.Stack, inputs.LabOwner))
        {
            yield return failure;
        }
    }

    protected override DiffResponse Diff(DiffRequest request) => base.Diff(LabFailures.OwnerFirstRecorded(request));

    protected override async Task<LiveResource<NodePayloadOutputs>> CreateAsync(Urn urn, NodePayloadInputs inputs, CancellationToken cancellationToken)
    {
        var outputs = await InstallAsync(urn, inputs, cancellationToken);
        return new LiveResource<NodePayloadOutputs>($"{outputs.Stack}/{outputs.Node}:{outputs.Directory}", outputs);
    }

    protected override Task<NodePayloadOutputs> UpdateAsync(
        Urn urn, string id, NodePayloadInputs oldInputs, NodePayloadOutputs oldOutputs, NodePayloadInputs newInputs, CancellationToken cancellationToken) =>
        InstallAsync(urn, newInputs, cancellationToken);

    protected override Task<LiveResource<NodePayloadOutputs>?> ReadAsync(
        Urn urn, string? id, NodePayloadInputs inputs, NodePayloadOutputs? outputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, null, async () =>
        {
            var stack = LabFailures.StackOf(urn, inputs.Stack);
            var node = await lab.FindOwnedNodeAsync(stack, inputs.Node, inputs.LabOwner, cancellationToken);
            if (node is null)
            {
                return null;
            }

            // Exit 3: nothing installed; exit 4: a file differs from the manifest (changed by hand).
            const string Script = """
                cd "$1" 2>/dev/null && [ -f "$2" ] || exit 3
                sha256sum -c --status "$2" || exit 4
                cat "$2"
                """;
            var check = await node.ExecAsync(NodeCommand.Of("sh", "-c", Script, "sh", inputs.Directory, NodePayload.ManifestFile), cancellationToken);
            var digest = check.ExitCode switch
            {
                0 => Sha256Hex.Of(check.Stdout),
                3 => null,
                4 => Modified,
                _ => throw new LabCommandException(node.Namespace, HostCommand.Of("sha256sum", "-c", NodePayload.ManifestFile), check),
            };
            return digest is null
                ? null
                : new LiveResource<NodePayloadOutputs>($"{stack}/{inputs.Node}:{inputs.Directory}", new NodePayloadOutputs(stack, inputs.Node, inputs.Directory, digest));
        });

    protected override Task DeleteAsync(Urn urn, string id, NodePayloadInputs inputs, NodePayloadOutputs outputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, null, async () =>
        {
            // A payload on a node that is already gone went with it; a node of another state's lab is not touched.
            if (await lab.FindOwnedNodeAsync(outputs.Stack, outputs.Node, inputs.LabOwner, cancellationToken) is { } node)
            {
                await node.ExecCheckedAsync(cancellationToken, "rm", "-rf", "--", outputs.Directory);
            }

            return true;
        });

    private Task<NodePayloadOutputs> InstallAsync(Urn urn, NodePayloadInputs inputs, CancellationToken cancellationToken) =>
        LabFailures.GuardAsync(urn, "source", async () =>
        {
            var (payload, archive) = NodePayload.Pack(inputs.Source, inputs.Files);
            if (payload.Digest != inputs.Digest)
            {
                throw new ProviderException(
                    urn, "digest", $"the files in {inputs.Source} changed since the program read them (digest {inputs.Digest}, now {payload.Digest}); run again");
            }

            var stack = LabFailures.StackOf(urn, inputs.Stack);
            var node = await LabFailures.NodeAsync(lab, urn, stack, inputs.Node, inputs.LabOwner, cancellationToken);
            await node.UnpackAsync(inputs.Directory, archive, cancellationToken);
            return new NodePayloadOutputs(stack, inputs.Node, inputs.Directory, payload.Digest);
        });
}
