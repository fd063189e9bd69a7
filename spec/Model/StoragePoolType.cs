using System.Runtime.Serialization;

namespace Kubedos.Spec.Model;

/// <summary>Kind of Proxmox storage.</summary>
internal enum StoragePoolType
{
    [EnumMember(Value = "zfs")]
    Zfs,

    [EnumMember(Value = "lvm-thin")]
    LvmThin,

    [EnumMember(Value = "dir")]
    Dir,

    [EnumMember(Value = "ceph")]
    Ceph,
}
