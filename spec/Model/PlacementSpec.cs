using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>How nodes are placed on hypervisor hosts.</summary>
internal sealed record PlacementSpec
{
    [Description("spread (default) or pack.")]
    public PlacementStrategy Strategy { get; init; } = PlacementStrategy.Spread;

    [Description("What spread placement separates: node, failureDomain.")]
    public IReadOnlyList<PlacementKey> By { get; init; } = [];
}
