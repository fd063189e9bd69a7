using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>OpenZFS pools and snapshots.</summary>
internal sealed record ZfsSpec
{
    [Description("Whether ZFS is used.")]
    public bool Enabled { get; init; } = false;

    [Description("Pools the node disks live in.")]
    public IReadOnlyList<string> Pools { get; init; } = [];

    [Description("Snapshot schedules by dataset class.")]
    public IReadOnlyDictionary<string, SnapshotSchedule> SnapshotPolicy { get; init; } = new Dictionary<string, SnapshotSchedule>();
}
