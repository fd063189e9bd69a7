using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>How node plane addresses are assigned.</summary>
internal sealed record AddressingSpec
{
    [Required, Description("deterministic, static or dhcp-resolved; must be explicit.")]
    public AddressingMode Mode { get; init; } = AddressingMode.Deterministic;
}
