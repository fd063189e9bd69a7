using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>A bare-metal machine.</summary>
internal sealed record BaremetalHost
{
    [Required, Description("Host name; a node of the same name runs on it.")]
    public string Name { get; init; } = "";

    [Required, Description("MAC address of the provisioning NIC.")]
    public string Mac { get; init; } = "";

    [Description("Address of the BMC (IPMI/Redfish).")]
    public string? BmcAddress { get; init; }
}
