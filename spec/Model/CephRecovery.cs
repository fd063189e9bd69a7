using System.Runtime.Serialization;

namespace Kubedos.Spec.Model;

/// <summary>What Ceph does when an OSD is lost.</summary>
internal enum CephRecovery
{
    [EnumMember(Value = "rebalance")]
    Rebalance,

    [EnumMember(Value = "wait-for-replacement")]
    WaitForReplacement,
}
