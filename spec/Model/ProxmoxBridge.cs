using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>A Proxmox Linux bridge.</summary>
internal sealed record ProxmoxBridge
{
    [Required, Description("Bridge name, such as vmbr0.")]
    public string Name { get; init; } = "";

    [Description("Whether the bridge carries VLAN tags.")]
    public bool VlanAware { get; init; } = false;

    [Description("VLAN ids the bridge trunks; a NIC's VLAN must be one of them.")]
    public IReadOnlyList<int> Trunks { get; init; } = [];
}
