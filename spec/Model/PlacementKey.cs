using System.Runtime.Serialization;

namespace Kubedos.Spec.Model;

/// <summary>What spread placement separates.</summary>
internal enum PlacementKey
{
    [EnumMember(Value = "node")]
    Node,

    [EnumMember(Value = "failureDomain")]
    FailureDomain,
}
