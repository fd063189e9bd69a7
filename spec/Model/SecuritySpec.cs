using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Kubedos.Spec.Model;

/// <summary>Trust bootstrap, enrollment, SSH policy and rotation.</summary>
internal sealed record SecuritySpec
{
    [Required, Description("How trust in the cluster CA is established.")]
    public BootstrapSpec Bootstrap { get; init; } = new();

    [Required, Description("How nodes are admitted.")]
    public EnrollmentSpec Enrollment { get; init; } = new();

    [Required, Description("SSH policy of every node.")]
    public SshSpec Ssh { get; init; } = new();

    [Description("Key and certificate lifetimes.")]
    public RotationSpec Rotation { get; init; } = new();
}
