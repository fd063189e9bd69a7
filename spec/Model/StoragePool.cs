using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>A Proxmox storage pool.</summary>
internal sealed record StoragePool
{
    [Required, Description("Storage id in Proxmox.")]
    public string Name { get; init; } = "";

    [Required, Description("zfs, lvm-thin, dir or ceph.")]
    public StoragePoolType Type { get; init; } = StoragePoolType.Zfs;
}
