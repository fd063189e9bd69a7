using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Substrate;

/// <summary>What the substrate hands every later stage about a node.</summary>
/// <param name="Node">The normalised node (name, role, plane addresses).</param>
/// <param name="UnderlayAddress">Where the node's WireGuard endpoints listen.</param>
/// <param name="Channel">How first-boot content reaches the node.</param>
internal sealed record SubstrateNode(NormalisedNode Node, string UnderlayAddress, INodeBootstrapChannel Channel)
{
    /// <summary>The node's disks, in the spec's order (none unless the spec declares them).</summary>
    public IReadOnlyList<SubstrateDisk> Disks { get; init; } = [];

    public string Name => Node.Name;
}
