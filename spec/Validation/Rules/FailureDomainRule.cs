using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>Failure domains are declared once, and nodes only reference declared ones.</summary>
internal sealed class FailureDomainRule : ISpecRule
{
    public string Id => "failure-domain-declared";

    public string Summary => "Failure domain names are unique and every node's failureDomain is declared in nodes.failureDomains.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var domains = document.Spec.Nodes.FailureDomains;
        var declared = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < domains.Count; i++)
        {
            if (!declared.Add(domains[i].Name))
            {
                yield return new SpecFinding($"spec.nodes.failureDomains[{i}].name", $"failure domain '{domains[i].Name}' is declared twice");
            }
        }

        var inventory = document.Spec.Nodes.Inventory;
        for (var i = 0; i < inventory.Count; i++)
        {
            if (inventory[i].FailureDomain is { } domain && !declared.Contains(domain))
            {
                var known = declared.Count == 0 ? "none are declared" : $"declared: {string.Join(", ", declared)}";
                yield return new SpecFinding($"spec.nodes.inventory[{i}].failureDomain", $"node '{inventory[i].Name}' is in failure domain '{domain}', which is not declared ({known})");
            }
        }
    }
}
