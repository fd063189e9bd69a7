using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>What may flow between planes.</summary>
internal sealed record PlanePolicySpec
{
    [Description("Default between planes: deny (recommended) or allow. Must be set.")]
    public InterPlaneDefault? DefaultInterPlane { get; init; }

    [Description("Flows opened between planes.")]
    public IReadOnlyList<PlaneAllowRule> Allow { get; init; } = [];
}
