using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;

namespace Kubedos.Policies;

/// <summary><c>inter-plane-default-deny</c>: every firewall denies traffic between planes by default and opens only the spec's allow rules.</summary>
internal static class InterPlaneDefaultDenyPolicy
{
    public const string Id = "inter-plane-default-deny";

    public static Policy Create() => new StackValidationPolicy(
        Id,
        "Every firewall the stack renders denies inter-plane traffic by default and opens only the spec's allow rules.",
        EnforcementLevel.Mandatory,
        (args, report) => Validate(args.Resources, report))
    {
        Remediation = "Set spec.networking.policy.defaultInterPlane: deny and list every needed flow under spec.networking.policy.allow (from, to, ports); firewalls must be rendered from that list only.",
    };

    private static void Validate(IReadOnlyList<PolicyResource> resources, PolicyReport report)
    {
        var facts = SpecFactSet.From(resources);
        var policy = PolicyValues.AsObject(facts.Value(PolicyContract.PlanePolicyPath));
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        if (policy is not null)
        {
            var urn = facts.UrnOf(PolicyContract.PlanePolicyPath)!;
            if (PolicyValues.String(policy, "defaultInterPlane") is var d && d != "deny")
            {
                report.Violation($"spec.networking.policy.defaultInterPlane is {(d is null ? "not set" : $"'{d}'")}; inter-plane traffic must be denied by default", urn);
            }

            allowed.UnionWith(Flows(PolicyValues.Get(policy, "allow")));
        }

        foreach (var firewall in resources.Where(r => r.Type == PolicyContract.FirewallType))
        {
            var node = PolicyValues.String(firewall.Inputs, "node") ?? firewall.Name;
            if (PolicyValues.String(firewall.Inputs, "defaultInterPlane") is var d && d != "deny")
            {
                report.Violation($"firewall of {node} does not deny inter-plane traffic by default (defaultInterPlane: {d ?? "not set"})", firewall.Urn);
            }

            var extra = Flows(PolicyValues.Get(firewall.Inputs, "allow")).Where(f => !allowed.Contains(f)).Order(StringComparer.Ordinal).ToList();
            if (extra.Count > 0)
            {
                report.Violation($"firewall of {node} opens flows the spec does not allow: {string.Join(", ", extra)}", firewall.Urn);
            }
        }
    }

    /// <summary>Each rule's flows as <c>from-&gt;to:port</c>, one per port, so a rule split differently still compares equal.</summary>
    private static IEnumerable<string> Flows(PropertyValue? rules) =>
        PolicyValues.AsArray(rules)
            .Select(PolicyValues.AsObject)
            .OfType<PropertyMap>()
            .SelectMany(r =>
            {
                var head = $"{PolicyValues.String(r, "from") ?? "?"}->{PolicyValues.String(r, "to") ?? "?"}";
                var ports = PolicyValues.Strings(PolicyValues.Get(r, "ports"));
                return ports.Count == 0 ? [$"{head}:any"] : ports.Select(p => $"{head}:{p}");
            });
}
