using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>The observability-stack gate proves a running stack, so requiring it needs the stack (with Prometheus) enabled.</summary>
internal sealed class ObservabilityGateRule : ISpecRule
{
    public const string Gate = "observability-stack";

    public string Id => "observability-gate-enabled";

    public string Summary => "A required observability-stack gate needs kubernetes.observability.enabled with stack.prometheus (the gate asks Prometheus for its targets).";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var required = document.Spec.Acceptance.Required;
        var observability = document.Spec.Kubernetes.Observability;
        for (var i = 0; i < required.Count; i++)
        {
            if (required[i] == Gate && !(observability.Enabled && observability.Stack.Prometheus))
            {
                yield return new SpecFinding($"spec.acceptance.required[{i}]",
                    "acceptance gate 'observability-stack' is required but " + (observability.Enabled ? "observability.stack.prometheus is false" : "kubernetes.observability.enabled is false")
                    + ": the gate asks Prometheus for its targets; enable the stack or drop the gate");
            }
        }
    }
}
