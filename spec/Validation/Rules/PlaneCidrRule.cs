using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>Every plane has a valid interface name and an IPv4 network with room for more than a point-to-point link.</summary>
internal sealed class PlaneCidrRule : ISpecRule
{
    public string Id => "plane-cidr-valid";

    public string Summary => "Plane names are interface names (1-15 of [a-zA-Z0-9_=+.-]) and plane CIDRs are IPv4 networks of /29 or larger with no host bits set.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var planes = document.Spec.Networking.Planes;
        if (planes.Count == 0)
        {
            yield return new SpecFinding("spec.networking.planes", "no plane is declared; wg1 (control) is the least a cluster needs");
        }

        foreach (var (name, plane) in planes)
        {
            if (name.Length is 0 or > 15 || !name.All(c => char.IsAsciiLetterOrDigit(c) || "_=+.-".Contains(c)))
            {
                yield return new SpecFinding($"spec.networking.planes.{name}", $"plane name '{name}' is not a valid interface name (1-15 of letters, digits, _=+.-)");
            }

            if (!Ipv4Cidr.TryParse(plane.Cidr, out var cidr, out var error))
            {
                yield return new SpecFinding($"spec.networking.planes.{name}.cidr", $"plane {name}: {error}");
            }
            else if (cidr.PrefixLength > 29)
            {
                yield return new SpecFinding($"spec.networking.planes.{name}.cidr", $"plane {name} ({cidr}) is too small; a plane needs at least a /29");
            }
        }
    }
}
