using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>Where nodes come from; exactly one variant block matches the type.</summary>
internal sealed record SubstrateSpec
{
    [Required, Description("Substrate kind: local, proxmox, aws or baremetal.")]
    public SubstrateType Type { get; init; } = SubstrateType.Local;

    [DestructiveFlag, Description("Allows a run to delete or replace substrate nodes and volumes. Defaults to false.")]
    public bool AllowDestroy { get; init; } = false;

    [Description("Settings of the local lab substrate (network namespaces on this machine).")]
    public LocalSubstrate? Local { get; init; }

    [Description("Settings of a Proxmox VE cluster.")]
    public ProxmoxSubstrate? Proxmox { get; init; }

    [Description("Settings of an AWS account and region.")]
    public AwsSubstrate? Aws { get; init; }

    [Description("Settings of bare-metal hosts.")]
    public BaremetalSubstrate? Baremetal { get; init; }
}
