using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>Node names are DNS-1123 labels: they become host names, certificate names and Kubernetes node names.</summary>
internal sealed class NodeNameRule : ISpecRule
{
    public string Id => "node-name-dns1123";

    public string Summary => "Every node name is a DNS-1123 label.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var inventory = document.Spec.Nodes.Inventory;
        for (var i = 0; i < inventory.Count; i++)
        {
            if (inventory[i].Name.Length > 0 && !Dns1123.IsLabel(inventory[i].Name))
            {
                yield return new SpecFinding($"spec.nodes.inventory[{i}].name", $"node name '{inventory[i].Name}' is not a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters)");
            }
        }
    }
}
