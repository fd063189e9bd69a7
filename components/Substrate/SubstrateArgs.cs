using Kubedos.Components.Image;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Substrate;

/// <summary>What <see cref="ClusterSubstrate"/> is built from.</summary>
internal sealed record SubstrateArgs
{
    /// <summary>The normalised spec (nodes, substrate type and its settings).</summary>
    public required NormalisedCluster Cluster { get; init; }

    /// <summary>The project directory of the state being deployed (recorded as the lab's owner).</summary>
    public required string ProjectDirectory { get; init; }

    /// <summary>The built node image the machines are made from (<c>spec.substrate.local.nodeRoot: image</c>); null runs the host's software.</summary>
    public NodeImage? Image { get; init; }

    /// <summary>The substrate implementations to choose from.</summary>
    public SubstrateKinds Kinds { get; init; } = SubstrateKinds.BuiltIn;
}
