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

    [Description("Allow planes, pod, service, underlay and VPC CIDRs outside private (10/8, 172.16/12, 192.168/16) and shared (100.64/10) space. Default false: the lab routes every plane on the operator's host, so a public range there shadows real destinations.")]
    public bool AllowPublicRanges { get; init; }
}
