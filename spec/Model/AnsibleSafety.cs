using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>Destructive Ansible role flags; all default to false.</summary>
internal sealed record AnsibleSafety
{
    [DestructiveFlag, Description("Allows roles to repartition disks.")]
    public bool AllowRepartition { get; init; } = false;

    [DestructiveFlag, Description("Allows roles to wipe disks.")]
    public bool AllowWipe { get; init; } = false;
}
