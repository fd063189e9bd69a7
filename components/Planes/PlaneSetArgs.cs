using Kubedos.Components.Firstboot;
using Kubedos.Components.Substrate;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Planes;

/// <summary>What <see cref="PlaneSet"/> is built from.</summary>
internal sealed record PlaneSetArgs
{
    /// <summary>The normalised spec (planes, plane policy, rotation).</summary>
    public required NormalisedCluster Cluster { get; init; }

    /// <summary>Every node after first boot.</summary>
    public required IReadOnlyList<BootedNode> Nodes { get; init; }

    /// <summary>How the operator's host joins the control plane, as the substrate provides it.</summary>
    public required IOperatorAccess OperatorAccess { get; init; }

    /// <summary>Where rendered configuration goes (<c>out/&lt;stack&gt;/rendered/</c>).</summary>
    public required RenderedFiles Rendered { get; init; }
}
