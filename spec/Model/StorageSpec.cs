using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>ZFS and Ceph.</summary>
internal sealed record StorageSpec
{
    [Description("OpenZFS pools and snapshots.")]
    public ZfsSpec Zfs { get; init; } = new();

    [Description("Replicated Ceph storage.")]
    public CephSpec Ceph { get; init; } = new();
}
