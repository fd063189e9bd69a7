using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>The node inventory and its failure domains.</summary>
internal sealed record NodesSpec
{
    [Description("Failure domains nodes are placed in.")]
    public IReadOnlyList<FailureDomain> FailureDomains { get; init; } = [];

    [Required, Description("Every node of the cluster.")]
    public IReadOnlyList<NodeSpec> Inventory { get; init; } = [];
}
