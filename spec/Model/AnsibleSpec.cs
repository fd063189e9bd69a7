using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>Ansible converge.</summary>
internal sealed record AnsibleSpec
{
    [Description("Whether Ansible converges the nodes.")]
    public bool Enabled { get; init; } = false;

    [Description("What Ansible is used for.")]
    public string? Purpose { get; init; }

    [Description("Pinned ansible-core version.")]
    public string? Version { get; init; }

    [Description("Destructive role flags.")]
    public AnsibleSafety Safety { get; init; } = new();
}
