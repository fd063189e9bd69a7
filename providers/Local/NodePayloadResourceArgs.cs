using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary>Inputs of <c>local:lab:Payload</c> (see <see cref="NodePayloadResource"/>).</summary>
public sealed class NodePayloadResourceArgs : ResourceArgs
{
    /// <summary>The node (its name, the node resource's <c>name</c> output) the files go to.</summary>
    public Input<string> Node { get; init; } = null!;

    /// <summary>The absolute directory in the node that holds them; it is replaced whole.</summary>
    public Input<string> Directory { get; init; } = null!;

    /// <summary>The host directory the files are read from.</summary>
    public Input<string> Source { get; init; } = null!;

    /// <summary>The files, relative to <see cref="Source"/>.</summary>
    public IReadOnlyList<Input<string>> Files { get; init; } = [];

    /// <summary>The digest of the files as the program read them (<see cref="NodePayload.Digest"/>); a change installs them again.</summary>
    public Input<string> Digest { get; init; } = null!;

    /// <summary>The lab's stack; null takes the URN's stack.</summary>
    public Input<string>? Stack { get; init; }

    /// <summary>The id of the state that owns the lab (the node's <c>labOwner</c> output); required: another state's node is refused.</summary>
    public Input<string>? LabOwner { get; init; }
}
