using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Policies;

/// <summary><c>plane-cidr-disjoint</c>: the planes' CIDRs overlap neither each other nor the pod and service CIDRs.</summary>
internal static class PlaneCidrDisjointPolicy
{
    public const string Id = "plane-cidr-disjoint";

    public static Policy Create() => new StackValidationPolicy(
        Id,
        "The CIDRs of the stack's planes are pairwise disjoint and disjoint from the pod and service CIDRs.",
        EnforcementLevel.Mandatory,
        (args, report) => Validate(args.Resources, report))
    {
        Remediation = "Give each plane in spec.networking.planes its own range, outside spec.kubernetes.podCidr and serviceCidr (e.g. 10.101.0.0/24, 10.102.0.0/24, 10.103.0.0/24).",
    };

    private static void Validate(IReadOnlyList<PolicyResource> resources, PolicyReport report)
    {
        var facts = SpecFactSet.From(resources);
        var ranges = new List<(string Label, string Cidr, Urn Urn)>();
        foreach (var (path, value, urn) in facts.Under(PolicyContract.PlanesPath))
        {
            if (PolicyValues.AsObject(value) is { } plane && PolicyValues.String(plane, "cidr") is { } cidr)
            {
                ranges.Add(($"plane {PolicyValues.String(plane, "name") ?? path}", cidr, urn));
            }
        }

        // Plane resources in name order, not registration order, so a clash reads the same on every run.
        foreach (var r in resources.Where(r => r.Type == PolicyContract.PlaneType).OrderBy(r => r.Urn.Value, StringComparer.Ordinal))
        {
            var label = $"plane {PolicyValues.String(r.Inputs, "name") ?? r.Name}";
            if (PolicyValues.String(r.Inputs, "cidr") is { } cidr && !ranges.Any(x => x.Label == label && x.Cidr == cidr))
            {
                ranges.Add((label, cidr, r.Urn));
            }
        }

        foreach (var (path, label) in new[] { (PolicyContract.PodCidrPath, "pod CIDR"), (PolicyContract.ServiceCidrPath, "service CIDR") })
        {
            if (facts.String(path) is { } cidr)
            {
                ranges.Add((label, cidr, facts.UrnOf(path)!));
            }
        }

        // Parsed and compared as validation does (Ipv4Cidr), and the pod and service CIDRs are facts only where
        // validation judges them (ClusterNetworks.Kubernetes), so the two verdicts agree.
        var parsed = new List<(string Label, string Cidr, Urn Urn, Ipv4Cidr Network)>();
        foreach (var range in ranges)
        {
            if (Ipv4Cidr.TryParse(range.Cidr, out var network, out var error))
            {
                parsed.Add((range.Label, range.Cidr, range.Urn, network));
            }
            else
            {
                report.Violation($"{range.Label}: {error}, so it cannot be shown disjoint", range.Urn);
            }
        }

        foreach (var (a, b) in Ipv4Cidr.Overlapping(parsed, r => r.Network).Where(pair => pair.Earlier.Label != pair.Later.Label))
        {
            report.Violation($"{b.Label} {b.Cidr} overlaps {a.Label} {a.Cidr}", b.Urn);
        }
    }
}
