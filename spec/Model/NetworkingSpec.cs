using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>WireGuard planes, addressing and inter-plane policy.</summary>
internal sealed record NetworkingSpec
{
    [Required, Description("The WireGuard planes by interface name (wg1, wg2, wg3).")]
    public IReadOnlyDictionary<string, PlaneSpec> Planes { get; init; } = new Dictionary<string, PlaneSpec>();

    [Required, Description("How node plane addresses are assigned.")]
    public AddressingSpec Addressing { get; init; } = new();

    [Required, Description("What may flow between planes.")]
    public PlanePolicySpec Policy { get; init; } = new();
}
