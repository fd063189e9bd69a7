using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>The observability stack binds to a plane that exists (wg2 by default).</summary>
internal sealed class ObservabilityPlaneRule : ISpecRule
{
    public string Id => "observability-plane-declared";

    public string Summary => "With kubernetes.observability.enabled, bindPlane names a declared plane.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var observability = document.Spec.Kubernetes.Observability;
        if (observability.Enabled && !document.Spec.Networking.Planes.ContainsKey(observability.BindPlane))
        {
            yield return new SpecFinding("spec.kubernetes.observability.bindPlane",
                $"observability binds to plane '{observability.BindPlane}', which is not declared (declared: {string.Join(", ", document.Spec.Networking.Planes.Keys)})");
        }
    }
}
