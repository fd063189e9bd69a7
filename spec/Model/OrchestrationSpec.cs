using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>Salt and Ansible.</summary>
internal sealed record OrchestrationSpec
{
    [Description("Salt bootstrap and discovery.")]
    public SaltSpec Salt { get; init; } = new();

    [Description("Ansible converge.")]
    public AnsibleSpec Ansible { get; init; } = new();
}
