using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary>Inputs of <c>local:lab:Disk</c> (see <see cref="NodeDiskResource"/>).</summary>
public sealed class NodeDiskResourceArgs : ResourceArgs
{
    /// <summary>The node (its name) the disk belongs to.</summary>
    public Input<string> Node { get; init; } = null!;

    /// <summary>The disk's name (a DNS label).</summary>
    public Input<string> Name { get; init; } = null!;

    /// <summary>Its size in GiB.</summary>
    public Input<int> SizeGiB { get; init; } = null!;

    /// <summary>The lab's stack; null takes the URN's stack.</summary>
    public Input<string>? Stack { get; init; }

    /// <summary>The id of the state that owns the lab (the node's <c>labOwner</c> output).</summary>
    public Input<string>? LabOwner { get; init; }
}
