using System.Runtime.Serialization;

namespace Kubedos.Spec.Model;

/// <summary>How trust in the cluster CA is established.</summary>
internal enum BootstrapModel
{
    [EnumMember(Value = "offline-ca")]
    OfflineCa,

    [EnumMember(Value = "pinned-ca")]
    PinnedCa,

    [EnumMember(Value = "to-fu")]
    ToFu,
}
