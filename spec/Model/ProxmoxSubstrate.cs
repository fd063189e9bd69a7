using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>A Proxmox VE cluster the nodes are cloned on.</summary>
internal sealed record ProxmoxSubstrate
{
    [Required, Description("Proxmox cluster name.")]
    public string ClusterName { get; init; } = "";

    [Description("API endpoint, https://host:8006; credentials come from stack config secrets.")]
    public string? Endpoint { get; init; }

    [Description("Name of the VM template nodes are cloned from.")]
    public string? Template { get; init; }

    [Required, Description("Range of VM ids the cluster may allocate, inclusive.")]
    public VmidRange VmidRange { get; init; } = new();

    [Description("How nodes are spread over Proxmox hosts.")]
    public PlacementSpec Placement { get; init; } = new();

    [Description("Bridges node NICs attach to.")]
    public IReadOnlyList<ProxmoxBridge> Bridges { get; init; } = [];

    [Description("Storage pools node disks are allocated from.")]
    public IReadOnlyList<StoragePool> StoragePools { get; init; } = [];

    [Description("Tags put on every VM.")]
    public IReadOnlyList<string> Tags { get; init; } = [];
}
