using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>Plane CIDRs do not overlap (spec section 15.3): a plane is a routing and policy boundary.</summary>
internal sealed class PlaneCidrDisjointRule : ISpecRule
{
    public string Id => "plane-cidr-disjoint";

    public string Summary => "Plane CIDRs are pairwise disjoint.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var parsed = document.Spec.Networking.Planes
            .Select(p => (Name: p.Key, Ok: Ipv4Cidr.TryParse(p.Value.Cidr, out var cidr, out _), Cidr: cidr))
            .Where(p => p.Ok)
            .ToArray();
        foreach (var (earlier, later) in Ipv4Cidr.Overlapping(parsed, p => p.Cidr))
        {
            yield return new SpecFinding($"spec.networking.planes.{later.Name}.cidr", $"plane {later.Name} ({later.Cidr}) overlaps plane {earlier.Name} ({earlier.Cidr})");
        }
    }
}
