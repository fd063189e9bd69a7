using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>Node sizes are positive and big enough to boot.</summary>
internal sealed class NodeResourcesRule : ISpecRule
{
    private const int MinimumMemoryMiB = 512;

    public string Id => "node-resources";

    public string Summary => $"Every node has at least 1 CPU and {MinimumMemoryMiB} MiB, and every disk at least 1 GiB.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var inventory = document.Spec.Nodes.Inventory;
        for (var i = 0; i < inventory.Count; i++)
        {
            var node = inventory[i];
            if (node.Resources.Cpu < 1)
            {
                yield return new SpecFinding($"spec.nodes.inventory[{i}].resources.cpu", $"node '{node.Name}' has {node.Resources.Cpu} CPUs; it needs at least 1");
            }

            if (node.Resources.MemoryMiB < MinimumMemoryMiB)
            {
                yield return new SpecFinding($"spec.nodes.inventory[{i}].resources.memoryMiB", $"node '{node.Name}' has {node.Resources.MemoryMiB} MiB; it needs at least {MinimumMemoryMiB}");
            }

            for (var d = 0; d < node.Disks.Count; d++)
            {
                if (node.Disks[d].SizeGiB < 1)
                {
                    yield return new SpecFinding($"spec.nodes.inventory[{i}].disks[{d}].sizeGiB", $"disk {d} of node '{node.Name}' is {node.Disks[d].SizeGiB} GiB; it needs at least 1");
                }
            }
        }
    }
}
