using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>Every node gets its own address on every plane, whether its index is explicit or derived.</summary>
internal sealed class NodeAddressRule : ISpecRule
{
    public string Id => "node-address-unique";

    public string Summary => "Node indexes (explicit, or derived from the name) are unique and inside the smallest plane's node range, and the local lab's underlay.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        if (PlaneAddressing.SmallestPlaneSize(document.Spec.Networking) is not { } smallest)
        {
            yield break;
        }

        var max = PlaneAddressing.MaxNodeOffset(smallest);
        var inventory = document.Spec.Nodes.Inventory;
        if (max < inventory.Count)
        {
            // Too many nodes for the plane: plane-capacity names the cause; collisions here would only echo it.
            yield break;
        }

        // On the local lab a node's underlay address takes the same host offset.
        var substrate = document.Spec.Substrate;
        Ipv4Cidr? underlay = substrate.Type == SubstrateType.Local && Ipv4Cidr.TryParse((substrate.Local ?? new LocalSubstrate()).UnderlayCidr, out var u, out _) ? u : null;
        var owner = new Dictionary<long, string>();
        for (var i = 0; i < inventory.Count; i++)
        {
            var node = inventory[i];
            var path = $"spec.nodes.inventory[{i}].{(node.Index is null ? "name" : "index")}";
            if (node.Index is { } index && (index < 1 || index > max))
            {
                yield return new SpecFinding(path, $"node '{node.Name}' has index {index}; the smallest plane allows 1-{max}");
                continue;
            }

            var offset = PlaneAddressing.OffsetOf(node, smallest);
            if (underlay is { } lab && offset > PlaneAddressing.MaxNodeOffset(lab.Size))
            {
                yield return new SpecFinding(path,
                    $"node '{node.Name}' takes host offset {offset}, beyond the lab underlay {lab} (offsets 1-{PlaneAddressing.MaxNodeOffset(lab.Size)}); use a larger spec.substrate.local.underlayCidr");
            }

            if (!owner.TryAdd(offset, node.Name))
            {
                var how = node.Index is null ? "derived from its name" : "explicit";
                yield return new SpecFinding(path,
                    $"node '{node.Name}' would take host offset {offset} ({how}), already used by node '{owner[offset]}'; set a distinct 'index' on one of them");
            }
        }
    }
}
