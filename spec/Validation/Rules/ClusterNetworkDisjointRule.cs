using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>Planes, the pod and service networks and the lab underlay never share addresses.</summary>
internal sealed class ClusterNetworkDisjointRule : ISpecRule
{
    public string Id => "cluster-network-disjoint";

    public string Summary => "kubernetes.podCidr and serviceCidr (and a local underlayCidr) are valid, disjoint from each other and from every plane.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var networks = new List<(string Label, string Path, Ipv4Cidr Cidr)>();
        var findings = new List<SpecFinding>();
        void Add(string label, string path, string text)
        {
            if (Ipv4Cidr.TryParse(text, out var cidr, out var error))
            {
                networks.Add((label, path, cidr));
            }
            else
            {
                findings.Add(new SpecFinding(path, $"{label}: {error}"));
            }
        }

        foreach (var (label, path, cidr) in ClusterNetworks.Kubernetes(document.Spec))
        {
            Add(label, path, cidr);
        }

        if (document.Spec.Substrate.Type == SubstrateType.Local)
        {
            Add("lab underlay", "spec.substrate.local.underlayCidr", (document.Spec.Substrate.Local ?? new LocalSubstrate()).UnderlayCidr);
        }

        var planes = document.Spec.Networking.Planes
            .Select(p => (Name: p.Key, Ok: Ipv4Cidr.TryParse(p.Value.Cidr, out var cidr, out _), Cidr: cidr))
            .Where(p => p.Ok)
            .ToArray();
        for (var i = 0; i < networks.Count; i++)
        {
            foreach (var plane in planes.Where(p => p.Cidr.Overlaps(networks[i].Cidr)))
            {
                findings.Add(new SpecFinding(networks[i].Path, $"{networks[i].Label} {networks[i].Cidr} overlaps plane {plane.Name} ({plane.Cidr})"));
            }

        }

        findings.AddRange(Ipv4Cidr.Overlapping(networks, n => n.Cidr)
            .Select(pair => new SpecFinding(pair.Later.Path, $"{pair.Later.Label} {pair.Later.Cidr} overlaps the {pair.Earlier.Label} {pair.Earlier.Cidr}")));

        return findings;
    }
}
