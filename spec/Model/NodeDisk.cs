using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>A disk of a node.</summary>
internal sealed record NodeDisk
{
    [Required, Description("Storage pool the disk comes from.")]
    public string Pool { get; init; } = "";

    [Required, Description("Size in GiB.")]
    public int SizeGiB { get; init; } = 0;

    [Description("os (default), data or ceph-osd.")]
    public DiskPurpose Purpose { get; init; } = DiskPurpose.Os;
}
