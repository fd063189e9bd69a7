using System.Runtime.Serialization;

namespace Kubedos.Spec.Model;

/// <summary>Traffic class of a plane.</summary>
internal enum PlanePurpose
{
    [EnumMember(Value = "control")]
    Control,

    [EnumMember(Value = "observability")]
    Observability,

    [EnumMember(Value = "kubernetes-backend")]
    KubernetesBackend,

    [EnumMember(Value = "storage")]
    Storage,
}
