using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>No two nodes share a name.</summary>
internal sealed class NodeNameUniqueRule : ISpecRule
{
    public string Id => "node-name-unique";

    public string Summary => "Node names are unique, and the inventory is not empty.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var inventory = document.Spec.Nodes.Inventory;
        if (inventory.Count == 0)
        {
            yield return new SpecFinding("spec.nodes.inventory", "the inventory declares no node");
        }

        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < inventory.Count; i++)
        {
            if (!first.TryAdd(inventory[i].Name, i))
            {
                yield return new SpecFinding($"spec.nodes.inventory[{i}].name", $"node name '{inventory[i].Name}' is already used by inventory[{first[inventory[i].Name]}]");
            }
        }
    }
}
