using Kubedos.Engine.Model;
using Kubedos.Policies;

namespace Kubedos.Infra.Tests.Policies;

/// <summary>The pack's results do not depend on the order resources were registered in (a parallel program fixes none).</summary>
public sealed class PolicyOrderTests
{
    [Fact]
    public void Evaluate_ShuffledRegistrationOrder_ReportsTheSameViolationsInTheSameOrder()
    {
        using var h = new PolicyHarness();
        var nodes = new[] { "cp-1", "cp-2", "cp-3", "w-1" }.Select(h.Node).ToList();
        var planes = new[] { ("wg7", "10.102.0.0/25"), ("wg8", "10.102.0.0/26"), ("wg9", "10.101.0.0/24") }
            .Select(p => PolicyHarness.Resource(PolicyContract.PlaneType, p.Item1, PropertyMap.Of(("name", p.Item1), ("cidr", p.Item2))))
            .ToList();
        var leaky = PolicyHarness.Resource("command:local:Command", "leaky", PropertyMap.Of(("create", "true"), ("password", "hunter2")));
        var resources = nodes.Concat(planes).Append(leaky).ToList();
        var steps = nodes.Take(3).Select(PolicyHarness.Replace).Concat(planes.Select(PolicyHarness.Create)).Append(PolicyHarness.Create(leaky)).ToList();

        var first = Render(h.EvaluatePlan(resources, steps));
        var reversed = Render(h.EvaluatePlan(Enumerable.Reverse(resources), Enumerable.Reverse(steps)));
        var shuffled = Render(h.EvaluatePlan(resources.OrderBy(r => r.Urn.Value.Length).ThenByDescending(r => r.Urn.Value, StringComparer.Ordinal), steps.OrderBy(s => s.Urn.Value.GetHashCode(StringComparison.Ordinal))));

        Assert.Contains(first, v => v.StartsWith($"{HaQuorumPolicy.Id}:", StringComparison.Ordinal) && v.Contains("(replace cp-1, replace cp-2, replace cp-3)", StringComparison.Ordinal));
        Assert.Contains(first, v => v.StartsWith($"{PlaneCidrDisjointPolicy.Id}:", StringComparison.Ordinal));
        Assert.Equal(first, reversed);
        Assert.Equal(first, shuffled);
    }

    [Fact]
    public void Evaluate_ViolationsSortedByPolicyUrnAndMessage()
    {
        using var h = new PolicyHarness();
        var nodes = new[] { "cp-3", "cp-2", "cp-1" }.Select(h.Node).ToList();

        var violations = h.EvaluatePlan(nodes, nodes.Select(PolicyHarness.Replace)).Violations;

        var keys = violations.Select(v => (v.PolicyName, Urn: v.Urn?.Value ?? string.Empty, v.Message)).ToList();
        Assert.NotEmpty(keys);
        Assert.Equal(keys.OrderBy(k => k.PolicyName, StringComparer.Ordinal).ThenBy(k => k.Urn, StringComparer.Ordinal).ThenBy(k => k.Message, StringComparer.Ordinal), keys);
        var quorum = Assert.Single(violations, v => v.PolicyName == HaQuorumPolicy.Id);
        Assert.Equal(nodes[2].Urn, quorum.Urn);
    }

    private static List<string> Render(Engine.Policy.PolicyEvaluation evaluation) =>
        [.. evaluation.Violations.Select(v => $"{v.PolicyName}: {v.Message} ({v.Urn?.Value}) at {v.Source}")];
}
