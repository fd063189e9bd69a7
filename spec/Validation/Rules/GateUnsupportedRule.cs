using Kubedos.Spec.Model;
using Kubedos.Spec.Validation.Support;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>A required acceptance gate this build cannot run refuses the spec, instead of being dropped from the run and the report (once: a gate <see cref="GateNeedsKubeletRule"/> refuses, with its reason, is not refused again here).</summary>
internal sealed class GateUnsupportedRule : ISpecRule
{
    public string Id => "gate-unsupported";

    public string Summary => $"Every gate in acceptance.required is one this build runs ({string.Join(", ", FieldSupport.RunnableGates)}); a required gate it cannot run refuses the spec.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var required = document.Spec.Acceptance.Required;
        for (var i = 0; i < required.Count; i++)
        {
            if (AcceptanceGateRule.KnownGates.Contains(required[i]) && !FieldSupport.RunnableGates.Contains(required[i])
                && GateNeedsKubeletRule.Refusal(document, required[i]) is null)
            {
                yield return new SpecFinding($"spec.acceptance.required[{i}]",
                    $"required acceptance gate '{required[i]}' is not supported by this build yet: it runs only {string.Join(", ", FieldSupport.RunnableGates)}; remove it rather than pass without it");
            }
        }
    }
}
