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
        for (var i = 0; i < parsed.Length; i++)
        {
            for (var j = i + 1; j < parsed.Length; j++)
            {
                if (parsed[i].Cidr.Overlaps(parsed[j].Cidr))
                {
                    yield return new SpecFinding($"spec.networking.planes.{parsed[j].Name}.cidr",
                        $"plane {parsed[j].Name} ({parsed[j].Cidr}) overlaps plane {parsed[i].Name} ({parsed[i].Cidr})");
                }
            }
        }
    }
}
