using Kubedos.Engine.Model;
using Kubedos.Providers.Local;

namespace Kubedos.Components.Substrate.Local;

/// <summary>The local lab's bootstrap channel: <c>local:lab:*</c> resources aimed at one node.</summary>
/// <param name="nodeName">The node's name.</param>
/// <param name="node">The node resource; its <c>name</c> output carries the edge to it.</param>
internal sealed class LocalBootstrapChannel(string nodeName, NodeResource node) : INodeBootstrapChannel
{
    public string NodeName { get; } = nodeName;

    public BootstrapFile WriteFile(string name, string path, Input<string> content, string mode, ResourceOptions options)
    {
        var file = new NodeFileResource(
            $"{NodeName}-{name}", new NodeFileResourceArgs { Node = node.NodeName, Path = path, Content = content, Mode = mode, LabOwner = node.LabOwner }, options);
        return new BootstrapFile(file, file.Sha256);
    }

    // The software's digest is the one NodePayload computes (the same sha256sum manifest), so the provider's check holds.
    public BootstrapPayload Install(string name, NodeSoftware software, string directory, ResourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(software);
        var installed = new NodePayloadResource($"{NodeName}-{name}", new NodePayloadResourceArgs
        {
            Node = node.NodeName,
            Directory = directory,
            Source = software.SourceDirectory,
            Files = [.. software.Files.Select(f => (Input<string>)f)],
            Digest = software.Digest,
            LabOwner = node.LabOwner,
        }, options);
        return new BootstrapPayload(installed, installed.Digest);
    }

    public BootstrapCommand Run(string name, IReadOnlyList<Input<string>> argv, IReadOnlyList<Input<string>> triggers, ResourceOptions options)
    {
        var command = new NodeCommandResource(
            $"{NodeName}-{name}", new NodeCommandResourceArgs { Node = node.NodeName, Create = argv, Triggers = triggers, LabOwner = node.LabOwner }, options);
        return new BootstrapCommand(command, command.Stdout);
    }

    public Resource Serve(string name, IReadOnlyList<Input<string>> argv, IReadOnlyList<Input<string>> triggers, ResourceOptions options) =>
        new NodeProcessResource(
            $"{NodeName}-{name}", new NodeProcessResourceArgs { Node = node.NodeName, Name = name, Command = argv, Triggers = triggers, LabOwner = node.LabOwner }, options);

    public Resource WireGuardInterface(string interfaceName, ResourceOptions options) =>
        new WireGuardInterfaceResource(
            $"{NodeName}-{interfaceName}", new WireGuardInterfaceResourceArgs { Node = node.NodeName, Name = interfaceName, LabOwner = node.LabOwner }, options);
}
