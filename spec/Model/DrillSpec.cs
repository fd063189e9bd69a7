using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>A replace-don't-repair drill.</summary>
internal sealed record DrillSpec
{
    [Required, Description("delete-worker or delete-control-plane.")]
    public string Name { get; init; } = "";

    [Required, Description("Recovery time objective.")]
    public int ExpectRecoveryMinutes { get; init; } = 0;
}
