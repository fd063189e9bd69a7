using System.Runtime.Serialization;

namespace Kubedos.Spec.Model;

/// <summary>What a disk holds.</summary>
internal enum DiskPurpose
{
    [EnumMember(Value = "os")]
    Os,

    [EnumMember(Value = "data")]
    Data,

    [EnumMember(Value = "ceph-osd")]
    CephOsd,
}
