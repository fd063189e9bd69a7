using System.Runtime.Serialization;

namespace Kubedos.Spec.Model;

/// <summary>How bare-metal hosts boot the artifact.</summary>
internal enum BootMode
{
    [EnumMember(Value = "pxe")]
    Pxe,

    [EnumMember(Value = "iso")]
    Iso,
}
