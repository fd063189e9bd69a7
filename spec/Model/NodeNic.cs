using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>A network interface of a node.</summary>
internal sealed record NodeNic
{
    [Required, Description("Bridge the NIC attaches to.")]
    public string Bridge { get; init; } = "";

    [Description("VLAN tag; the bridge must be VLAN-aware and trunk it.")]
    public int? Vlan { get; init; }

    [Description("uplink (default), storage or management.")]
    public NicPurpose Purpose { get; init; } = NicPurpose.Uplink;
}
