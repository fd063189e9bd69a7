using System.Runtime.Serialization;

namespace Kubedos.Spec.Model;

/// <summary>Supported CNIs.</summary>
internal enum CniName
{
    [EnumMember(Value = "cilium")]
    Cilium,
}
