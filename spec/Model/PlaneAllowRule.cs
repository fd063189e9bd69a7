using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>A flow opened from one plane to another.</summary>
internal sealed record PlaneAllowRule
{
    [Required, Description("Source plane.")]
    public string From { get; init; } = "";

    [Required, Description("Destination plane.")]
    public string To { get; init; } = "";

    [Required, Description("Ports such as 6443/tcp or 2379-2380/tcp.")]
    public IReadOnlyList<string> Ports { get; init; } = [];
}
