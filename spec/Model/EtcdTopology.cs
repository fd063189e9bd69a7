using System.Runtime.Serialization;

namespace Kubedos.Spec.Model;

/// <summary>Where etcd runs.</summary>
internal enum EtcdTopology
{
    [EnumMember(Value = "stacked")]
    Stacked,

    [EnumMember(Value = "external")]
    External,
}
