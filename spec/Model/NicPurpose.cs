using System.Runtime.Serialization;

namespace Kubedos.Spec.Model;

/// <summary>What a NIC carries.</summary>
internal enum NicPurpose
{
    [EnumMember(Value = "uplink")]
    Uplink,

    [EnumMember(Value = "storage")]
    Storage,

    [EnumMember(Value = "management")]
    Management,
}
