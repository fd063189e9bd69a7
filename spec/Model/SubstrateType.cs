using System.Runtime.Serialization;

namespace Kubedos.Spec.Model;

/// <summary>Kind of substrate.</summary>
internal enum SubstrateType
{
    [EnumMember(Value = "local")]
    Local,

    [EnumMember(Value = "proxmox")]
    Proxmox,

    [EnumMember(Value = "aws")]
    Aws,

    [EnumMember(Value = "baremetal")]
    Baremetal,
}
