using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>An inclusive range of Proxmox VM ids.</summary>
internal sealed record VmidRange
{
    [Required, Description("First VM id (Proxmox ids start at 100).")]
    public int Start { get; init; } = 0;

    [Required, Description("Last VM id, inclusive.")]
    public int End { get; init; } = 0;
}
