using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>Every CIDR of the spec lies outside the special-purpose ranges, and in private or shared space unless public ranges are allowed.</summary>
/// <remarks>
/// A plane or underlay is routed on the operator's host (the lab installs an unreachable fallback
/// route for each), so a loopback, multicast or public range there breaks or shadows the host's own traffic.
/// </remarks>
internal sealed class CidrRangeRule : ISpecRule
{
    private const string OptIn = "spec.networking.allowPublicRanges";

    public string Id => "cidr-range";

    public string Summary => "Plane, pod, service, underlay and VPC CIDRs avoid the special-purpose ranges (0.0.0.0/8, 127.0.0.0/8, 169.254.0.0/16, 224.0.0.0/4, 240.0.0.0/4) and lie in private (10/8, 172.16/12, 192.168/16) or shared (100.64/10) space unless spec.networking.allowPublicRanges is true.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var spec = document.Spec;
        var networks = new List<(string Label, string Path, string Text)>();
        networks.AddRange(spec.Networking.Planes.Select(p => ($"plane {p.Key}", $"spec.networking.planes.{p.Key}.cidr", p.Value.Cidr)));
        if (spec.Kubernetes.Enabled)
        {
            networks.Add(("pod network", "spec.kubernetes.podCidr", spec.Kubernetes.PodCidr));
            networks.Add(("service network", "spec.kubernetes.serviceCidr", spec.Kubernetes.ServiceCidr));
        }

        if (spec.Substrate.Type == SubstrateType.Local)
        {
            networks.Add(("lab underlay", "spec.substrate.local.underlayCidr", (spec.Substrate.Local ?? new LocalSubstrate()).UnderlayCidr));
        }

        var vpc = spec.Substrate.Aws?.VpcCidr;
        if (vpc is { Length: > 0 })
        {
            networks.Add(("AWS VPC", "spec.substrate.aws.vpcCidr", vpc));
        }

        foreach (var (label, path, text) in networks)
        {
            if (!Ipv4Cidr.TryParse(text, out var cidr, out var error))
            {
                // The other CIDRs' syntax is plane-cidr-valid's and cluster-network-disjoint's to report; only the VPC has no other rule.
                if (path == "spec.substrate.aws.vpcCidr")
                {
                    yield return new SpecFinding(path, $"{label}: {error}");
                }

                continue;
            }

            if (cidr.SpecialPurposeProblem() is { } special)
            {
                yield return new SpecFinding(path, $"{label}: {special}");
            }
            else if (!cidr.IsPrivate && !spec.Networking.AllowPublicRanges)
            {
                yield return new SpecFinding(path,
                    $"{label}: {cidr} is public address space (outside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 and 100.64.0.0/10); "
                    + $"it would shadow real destinations on the hosts that route it. Use a private range, or set {OptIn}: true if this range is yours");
            }
        }
    }
}
