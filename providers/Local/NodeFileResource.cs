using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary><c>local:lab:File</c>: a file written into a node's private filesystem.</summary>
public sealed class NodeFileResource : CustomResource
{
    public NodeFileResource(string name, NodeFileResourceArgs args, ResourceOptions? options = null)
        : base("local:lab:File", name, args, options)
    {
    }

    /// <summary>The lab's stack.</summary>
    [Output("stack")]
    public Output<string> Stack { get; private set; } = null!;

    /// <summary>The node.</summary>
    [Output("node")]
    public Output<string> Node { get; private set; } = null!;

    /// <summary>The file's path in the node.</summary>
    [Output("path")]
    public Output<string> Path { get; private set; } = null!;

    /// <summary>The file's permissions.</summary>
    [Output("mode")]
    public Output<string> Mode { get; private set; } = null!;

    /// <summary>The SHA-256 of the content (hex), for triggers of what reads the file.</summary>
    [Output("sha256")]
    public Output<string> Sha256 { get; private set; } = null!;
}
