using Kubedos.Components.Substrate;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Firstboot;

/// <summary>What <see cref="NodeFirstboot"/> is built from.</summary>
internal sealed record FirstbootArgs
{
    /// <summary>The normalised spec (SSH policy, planes).</summary>
    public required NormalisedCluster Cluster { get; init; }

    /// <summary>Every node as the substrate handed it out.</summary>
    public required IReadOnlyList<SubstrateNode> Nodes { get; init; }

    /// <summary>Where rendered configuration goes (<c>out/&lt;stack&gt;/rendered/</c>).</summary>
    public required RenderedFiles Rendered { get; init; }
}
