using System.Runtime.Serialization;

namespace Kubedos.Spec.Model;

/// <summary>What Ceph spreads replicas over.</summary>
internal enum CephFailureDomain
{
    [EnumMember(Value = "host")]
    Host,

    [EnumMember(Value = "failureDomain")]
    FailureDomain,
}
