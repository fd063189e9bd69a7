using Kubedos.Engine.Policy;
using Kubedos.Policies;

namespace Kubedos.Infra.Tests.Policies;

public sealed class HaQuorumPolicyTests
{
    [Fact]
    public void Evaluate_ThreeControlPlanesKept_Passes()
    {
        using var h = new PolicyHarness();
        var nodes = new[] { "cp-1", "cp-2", "cp-3", "w-1" }.Select(h.Node).ToList();
        Assert.Empty(h.Of(h.EvaluatePlan(nodes, nodes.Select(PolicyHarness.Same)), HaQuorumPolicy.Id));
    }

    [Fact]
    public void Evaluate_PlanLeavesTwoControlPlanes_IsMandatoryAtHaEnabled()
    {
        using var h = new PolicyHarness();
        var kept = new[] { "cp-1", "cp-2", "w-1" }.Select(h.Node).ToList();
        var steps = kept.Select(PolicyHarness.Same).Append(PolicyHarness.Delete(h.Node("cp-3")));

        var v = Assert.Single(h.Of(h.EvaluatePlan(kept, steps), HaQuorumPolicy.Id), x => x.Message.StartsWith("HA needs", StringComparison.Ordinal));

        Assert.Equal(EnforcementLevel.Mandatory, v.EnforcementLevel);
        Assert.Equal("HA needs an odd number of control-plane nodes, at least 3; after this plan there are 2 (cp-1, cp-2)", v.Message);
        Assert.Equal(h.SpecFile, v.Source!.File);
        Assert.Equal(h.Locate(PolicyContract.HaEnabledPath).Line, v.Source.Line);
    }

    [Fact]
    public void Evaluate_TwoOfThreeControlPlanesReplacedInOneRun_ExceedsQuorum()
    {
        using var h = new PolicyHarness();
        var nodes = new[] { "cp-1", "cp-2", "cp-3" }.Select(h.Node).ToList();
        var steps = new[] { PolicyHarness.Replace(nodes[0]), PolicyHarness.Replace(nodes[1]), PolicyHarness.Same(nodes[2]) };

        var v = Assert.Single(h.Of(h.EvaluatePlan(nodes, steps), HaQuorumPolicy.Id));

        Assert.Equal("this run deletes or replaces 2 of 3 control-plane nodes at once (replace cp-1, replace cp-2); etcd quorum survives 1", v.Message);
        Assert.Equal(nodes[0].Urn, v.Urn);
        Assert.Equal(h.LineOf("name: cp-1"), v.Source!.Line);
    }

    [Fact]
    public void Evaluate_OneControlPlaneReplacedAtATime_Passes()
    {
        using var h = new PolicyHarness();
        var nodes = new[] { "cp-1", "cp-2", "cp-3" }.Select(h.Node).ToList();
        var steps = new[] { PolicyHarness.Replace(nodes[0]), PolicyHarness.Same(nodes[1]), PolicyHarness.Same(nodes[2]) };
        Assert.Empty(h.Of(h.EvaluatePlan(nodes, steps), HaQuorumPolicy.Id));
    }

    [Fact]
    public void Evaluate_HaOff_JudgesNothing()
    {
        using var h = new PolicyHarness();
        var facts = h.Facts.Select(f => f.Name == PolicyContract.HaEnabledPath ? f with { Inputs = f.Inputs.Set("value", false) } : f).ToList();
        var kept = new[] { "cp-1", "w-1" }.Select(h.Node).ToList();
        Assert.False(SpecFactSet.From(facts).Bool(PolicyContract.HaEnabledPath));
        var evaluation = PolicyHarness.Evaluate(facts.Concat(kept), facts.Concat(kept).Select(PolicyHarness.Same));
        Assert.Empty(h.Of(evaluation, HaQuorumPolicy.Id));
    }
}
