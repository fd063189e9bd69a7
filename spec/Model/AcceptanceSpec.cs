using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>Acceptance gates and drills.</summary>
internal sealed record AcceptanceSpec
{
    [Description("Mean time to recovery target.")]
    public int MttrTargetMinutes { get; init; } = 30;

    [Description("Gates that must pass.")]
    public IReadOnlyList<string> Required { get; init; } = [];

    [Description("Replace-don't-repair drills.")]
    public IReadOnlyList<DrillSpec> Drills { get; init; } = [];
}
