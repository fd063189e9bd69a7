using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>Every plane has an address for every node, besides network, broadcast and the operator's peer.</summary>
internal sealed class PlaneCapacityRule : ISpecRule
{
    public string Id => "plane-capacity";

    public string Summary => "Every plane holds all nodes: its size minus network, broadcast and the operator address is at least the node count.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var nodes = document.Spec.Nodes.Inventory.Count;
        foreach (var (name, plane) in document.Spec.Networking.Planes)
        {
            if (Ipv4Cidr.TryParse(plane.Cidr, out var cidr, out _) && PlaneAddressing.MaxNodeOffset(cidr.Size) < nodes)
            {
                yield return new SpecFinding($"spec.networking.planes.{name}.cidr",
                    $"plane {name} ({cidr}) has {Math.Max(0, PlaneAddressing.MaxNodeOffset(cidr.Size))} node addresses but the inventory has {nodes} nodes");
            }
        }
    }
}
