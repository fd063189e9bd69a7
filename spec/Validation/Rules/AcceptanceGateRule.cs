using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>Required acceptance gates are ones Kubedos knows how to run (spec section 17.1).</summary>
internal sealed class AcceptanceGateRule : ISpecRule
{
    public static readonly IReadOnlyList<string> KnownGates =
        ["backplane-matrix", "security-baseline", "k8s-health", "cilium-health", "hubble-flows", "observability-stack", "etcd-quorum"];

    public string Id => "acceptance-gate-known";

    public string Summary => $"acceptance.required lists known gates ({string.Join(", ", KnownGates)}), each once; mttrTargetMinutes is positive.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var acceptance = document.Spec.Acceptance;
        if (acceptance.MttrTargetMinutes < 1)
        {
            yield return new SpecFinding("spec.acceptance.mttrTargetMinutes", $"mttrTargetMinutes is {acceptance.MttrTargetMinutes}; it must be at least 1");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < acceptance.Required.Count; i++)
        {
            var gate = acceptance.Required[i];
            if (!KnownGates.Contains(gate))
            {
                yield return new SpecFinding($"spec.acceptance.required[{i}]", $"unknown acceptance gate '{gate}'; known: {string.Join(", ", KnownGates)}");
            }
            else if (!seen.Add(gate))
            {
                yield return new SpecFinding($"spec.acceptance.required[{i}]", $"acceptance gate '{gate}' is listed twice");
            }
        }
    }
}
