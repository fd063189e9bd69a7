using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary>Inputs of <c>local:lab:File</c> (see <see cref="NodeFileResource"/>).</summary>
public sealed class NodeFileResourceArgs : ResourceArgs
{
    /// <summary>The node (its name, the node resource's <c>name</c> output) the file lives on.</summary>
    public Input<string> Node { get; init; } = null!;

    /// <summary>The absolute path inside the node's private filesystem.</summary>
    public Input<string> Path { get; init; } = null!;

    /// <summary>The file's text; pass a secret output to keep it secret in state.</summary>
    public Input<string> Content { get; init; } = null!;

    /// <summary>Octal permissions (default 0644).</summary>
    public Input<string>? Mode { get; init; }

    /// <summary>The lab's stack; null takes the URN's stack.</summary>
    public Input<string>? Stack { get; init; }

    /// <summary>The id of the state that owns the lab (the node's <c>labOwner</c> output); required: another state's node is refused.</summary>
    public Input<string>? LabOwner { get; init; }
}
