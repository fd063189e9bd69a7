using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary><c>local:lab:Payload</c>: host files (software such as kubedos-agent) installed whole into a node's private filesystem.</summary>
public sealed class NodePayloadResource : CustomResource
{
    public NodePayloadResource(string name, NodePayloadResourceArgs args, ResourceOptions? options = null)
        : base("local:lab:Payload", name, args, options)
    {
    }

    /// <summary>The lab's stack.</summary>
    [Output("stack")]
    public Output<string> Stack { get; private set; } = null!;

    /// <summary>The node.</summary>
    [Output("node")]
    public Output<string> Node { get; private set; } = null!;

    /// <summary>The directory in the node.</summary>
    [Output("directory")]
    public Output<string> Directory { get; private set; } = null!;

    /// <summary>The digest of what the node holds, for triggers of what runs it.</summary>
    [Output("digest")]
    public Output<string> Digest { get; private set; } = null!;
}
