using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>Desired state of a cluster, one section per concern of spec section 15.</summary>
internal sealed record ClusterSpec
{
    [Required, Description("Where nodes come from.")]
    public SubstrateSpec Substrate { get; init; } = new();

    [Required, Description("The node inventory and its failure domains.")]
    public NodesSpec Nodes { get; init; } = new();

    [Required, Description("WireGuard planes, addressing and inter-plane policy.")]
    public NetworkingSpec Networking { get; init; } = new();

    [Required, Description("Trust bootstrap, enrollment, SSH policy and rotation.")]
    public SecuritySpec Security { get; init; } = new();

    [Description("ZFS and Ceph.")]
    public StorageSpec Storage { get; init; } = new();

    [Description("Salt and Ansible.")]
    public OrchestrationSpec Orchestration { get; init; } = new();

    [Description("The Kubernetes reference workload.")]
    public KubernetesSpec Kubernetes { get; init; } = new();

    [Description("Acceptance gates and drills.")]
    public AcceptanceSpec Acceptance { get; init; } = new();
}
