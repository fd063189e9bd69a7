using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>The observability stack is put on the nodes by converge (Ansible, stage 5), so it needs converge on.</summary>
internal sealed class ObservabilityConvergeRule : ISpecRule
{
    public string Id => "observability-needs-converge";

    public string Summary => "With kubernetes.observability.enabled, orchestration.ansible.enabled is true: converge (stage 5) puts the stack on the nodes.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        if (document.Spec.Kubernetes.Observability.Enabled && !document.Spec.Orchestration.Ansible.Enabled)
        {
            yield return new SpecFinding("spec.kubernetes.observability.enabled",
                "the observability stack is enabled but orchestration.ansible.enabled is false: converge (Ansible) is what puts node exporters, Prometheus, Alertmanager and the log plane on the nodes; enable it or disable observability");
        }
    }
}
