using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>How many snapshots of each period are kept.</summary>
internal sealed record SnapshotSchedule
{
    [Description("Hourly snapshots kept.")]
    public int Hourly { get; init; } = 0;

    [Description("Daily snapshots kept.")]
    public int Daily { get; init; } = 0;

    [Description("Weekly snapshots kept.")]
    public int Weekly { get; init; } = 0;
}
