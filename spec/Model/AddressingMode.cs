using System.Runtime.Serialization;

namespace Kubedos.Spec.Model;

/// <summary>How plane addresses are assigned.</summary>
internal enum AddressingMode
{
    [EnumMember(Value = "deterministic")]
    Deterministic,

    [EnumMember(Value = "static")]
    Static,

    [EnumMember(Value = "dhcp-resolved")]
    DhcpResolved,
}
