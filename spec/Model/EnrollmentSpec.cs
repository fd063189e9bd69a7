using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>How nodes are admitted to the cluster.</summary>
internal sealed record EnrollmentSpec
{
    [Required, Description("token+pin, offline-approve or cert-preseed.")]
    public EnrollmentMode Mode { get; init; } = EnrollmentMode.TokenPin;

    [Description("How long join tokens stay valid. Defaults to 30.")]
    public int JoinWindowMinutes { get; init; } = 30;
}
