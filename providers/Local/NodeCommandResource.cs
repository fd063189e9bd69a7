using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary><c>local:lab:Command</c>: a command run once on a node, with an optional undo on delete.</summary>
public sealed class NodeCommandResource : CustomResource
{
    public NodeCommandResource(string name, NodeCommandResourceArgs args, ResourceOptions? options = null)
        : base("local:lab:Command", name, args, options)
    {
    }

    /// <summary>The lab's stack.</summary>
    [Output("stack")]
    public Output<string> Stack { get; private set; } = null!;

    /// <summary>The node.</summary>
    [Output("node")]
    public Output<string> Node { get; private set; } = null!;

    /// <summary>What the create command printed.</summary>
    [Output("stdout")]
    public Output<string> Stdout { get; private set; } = null!;

    /// <summary>What the create command printed on stderr.</summary>
    [Output("stderr")]
    public Output<string> Stderr { get; private set; } = null!;
}
