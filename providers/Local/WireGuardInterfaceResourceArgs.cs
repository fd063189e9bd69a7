using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary>Inputs of <c>local:lab:WireGuardInterface</c> (see <see cref="WireGuardInterfaceResource"/>).</summary>
public sealed class WireGuardInterfaceResourceArgs : ResourceArgs
{
    /// <summary>The node (its name) the interface lives on.</summary>
    public Input<string> Node { get; init; } = null!;

    /// <summary>The interface name, e.g. wg1.</summary>
    public Input<string> Name { get; init; } = null!;

    /// <summary>The lab's stack; null takes the URN's stack.</summary>
    public Input<string>? Stack { get; init; }

    /// <summary>The id of the state that owns the lab (the node's <c>labOwner</c> output); required: another state's node is refused.</summary>
    public Input<string>? LabOwner { get; init; }
}
