using Kubedos.Engine.Policy;
using Kubedos.Spec.Validation;

namespace Kubedos.Policies;

/// <summary><c>ha-quorum</c>: with HA on, an odd number (at least 3) of control-plane nodes, and no run that takes down more of them than etcd survives.</summary>
internal static class HaQuorumPolicy
{
    public const string Id = "ha-quorum";

    private const string ControlPlane = "control-plane";

    public static Policy Create() => new PlanValidationPolicy(
        Id,
        "With HA on, the control-plane nodes after the plan are odd and at least 3, and one run deletes or replaces no more of them than etcd quorum survives.",
        EnforcementLevel.Mandatory,
        (args, report) => Validate(args.Steps, report))
    {
        Remediation = "Keep 3, 5 or 7 control-plane nodes in spec.nodes.inventory, and change them one run at a time (for 3 nodes: one delete or replace per run, with the new node added first).",
    };

    private static void Validate(IReadOnlyList<PolicyStep> steps, PolicyReport report)
    {
        var after = SpecFactSet.From(steps, after: true);
        if (after.Bool(PolicyContract.HaEnabledPath) != true)
        {
            return;
        }

        var before = SpecFactSet.From(steps, after: false);
        var roles = new Dictionary<string, string>(before.Roles(), StringComparer.Ordinal);
        foreach (var (name, role) in after.Roles())
        {
            roles[name] = role;
        }

        bool IsControlPlane(Dictionary<string, string> r, Engine.Model.PropertyMap? inputs) =>
            PolicyValues.String(inputs, "name") is { } n && r.TryGetValue(n, out var role) && role == ControlPlane;

        var nodeSteps = steps.Where(s => PolicyContract.NodeTypes.Contains(s.Type)).ToList();
        var haUrn = after.UrnOf(PolicyContract.HaEnabledPath)!;

        // The nodes after the plan: the real node resources when the program registers them, else the spec's inventory.
        var remaining = nodeSteps.Count > 0
            ? [.. nodeSteps.Where(s => s.Op != PolicyStepOp.Delete && IsControlPlane(roles, s.NewInputs)).Select(s => PolicyValues.String(s.NewInputs, "name")!)]
            : after.Roles().Where(kv => kv.Value == ControlPlane).Select(kv => kv.Key).ToList();
        if (!HaQuorum.Holds(remaining.Count))
        {
            report.Violation(
                $"HA needs an odd number of control-plane nodes, at least 3; after this plan there are {remaining.Count}"
                + (remaining.Count == 0 ? string.Empty : $" ({string.Join(", ", remaining.Order(StringComparer.Ordinal))})"),
                haUrn);
        }

        // etcd with N members survives (N - 1) / 2 of them going down at once; validate's ha-replicas-odd judges with the same HaQuorum.
        var current = nodeSteps.Count(s => s.Op != PolicyStepOp.Create && IsControlPlane(roles, s.OldInputs));
        // In URN order, not step order (which follows registration): the violation names the same node on every run.
        var disrupted = nodeSteps.Where(s => s.Op is PolicyStepOp.Delete or PolicyStepOp.Replace && IsControlPlane(roles, s.OldInputs))
            .OrderBy(s => s.Urn.Value, StringComparer.Ordinal)
            .ToList();
        var tolerated = HaQuorum.Tolerated(current);
        if (disrupted.Count > tolerated)
        {
            report.Violation(
                $"this run deletes or replaces {disrupted.Count} of {current} control-plane nodes at once ({string.Join(", ", disrupted.Select(s => $"{s.Op.ToString().ToLowerInvariant()} {s.Urn.Name}"))}); etcd quorum survives {tolerated}",
                disrupted[0].Urn);
        }
    }
}
