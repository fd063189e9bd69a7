using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>Allow rule ports are explicit: a port or range with its protocol, never "any".</summary>
internal sealed class AllowRulePortsRule : ISpecRule
{
    public string Id => "policy-port-valid";

    public string Summary => "Allow rule ports read PORT/PROTO or FIRST-LAST/PROTO with ports 1-65535, FIRST <= LAST, PROTO tcp or udp, and at least one per rule.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var rules = document.Spec.Networking.Policy.Allow;
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].Ports.Count == 0)
            {
                yield return new SpecFinding($"spec.networking.policy.allow[{i}].ports", $"allow rule {i} opens no port; list the ports it opens");
            }

            for (var p = 0; p < rules[i].Ports.Count; p++)
            {
                if (PortRange.TryParse(rules[i].Ports[p], out var error) is null)
                {
                    yield return new SpecFinding($"spec.networking.policy.allow[{i}].ports[{p}]", $"allow rule {i}: {error}");
                }
            }
        }
    }
}
