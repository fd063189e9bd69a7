using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>A failure domain (rack, room, zone).</summary>
internal sealed record FailureDomain
{
    [Required, Description("Failure domain name.")]
    public string Name { get; init; } = "";
}
