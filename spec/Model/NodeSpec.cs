using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>One node of the inventory.</summary>
internal sealed record NodeSpec
{
    [Required, Description("Node name (DNS-1123 label), unique in the cluster.")]
    public string Name { get; init; } = "";

    [Required, Description("control-plane or worker.")]
    public NodeRole Role { get; init; } = NodeRole.Worker;

    [Description("Failure domain the node is placed in; must be declared.")]
    public string? FailureDomain { get; init; }

    [Description("Host offset of the node on every plane (address = plane network + index). When absent it is derived from the node name, so adding or removing a node never moves another.")]
    public int? Index { get; init; }

    [Description("CPU and memory.")]
    public NodeResources Resources { get; init; } = new();

    [Description("Disks allocated to the node.")]
    public IReadOnlyList<NodeDisk> Disks { get; init; } = [];

    [Description("Network interfaces of the node.")]
    public IReadOnlyList<NodeNic> Nics { get; init; } = [];
}
