using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>Control-plane topology.</summary>
internal sealed record HaSpec
{
    [Description("Whether the control plane is highly available. Defaults to true.")]
    public bool Enabled { get; init; } = true;

    [Required, Description("Number of control-plane nodes; odd and at least 3 with HA.")]
    public int ControlPlaneReplicas { get; init; } = 0;

    [Description("stacked (default) or external.")]
    public EtcdTopology Etcd { get; init; } = EtcdTopology.Stacked;
}
