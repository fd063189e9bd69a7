using System.Runtime.Serialization;

namespace Kubedos.Spec.Model;

/// <summary>Role of a node.</summary>
internal enum NodeRole
{
    [EnumMember(Value = "control-plane")]
    ControlPlane,

    [EnumMember(Value = "worker")]
    Worker,
}
