using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;
using Kubedos.Policies;

namespace Kubedos.Infra.Tests.Policies;

public sealed class KubedosPolicyPackTests
{
    [Fact]
    public void Create_EveryPolicy_HasIdDescriptionLevelAndRemediation()
    {
        var pack = KubedosPolicyPack.Create();

        Assert.Equal(
            ["ha-quorum", "plane-cidr-disjoint", "destruction-boundary", "inter-plane-default-deny", "ssh-hardening", "pinned-payloads", "enrollment-gated", "bootstrap-tofu", "secrets-encrypted"],
            pack.Policies.Select(p => p.Name));
        Assert.All(pack.Policies, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Description));
            Assert.False(string.IsNullOrWhiteSpace(p.Remediation));
            Assert.Equal(p.Name == "bootstrap-tofu" ? EnforcementLevel.Advisory : EnforcementLevel.Mandatory, p.EnforcementLevel);
        });
    }

    [Fact]
    public void Evaluate_Lab01AsWritten_HasNoViolations()
    {
        using var h = new PolicyHarness();
        var nodes = new[] { "cp-1", "cp-2", "cp-3", "w-1" }.Select(h.Node).ToList();
        Assert.Empty(h.EvaluatePlan(nodes, nodes.Select(PolicyHarness.Create)).Violations);
    }

    [Fact]
    public void Evaluate_PolicyConfigDowngrade_MakesTheViolationAdvisory()
    {
        using var h = new PolicyHarness(s => s.Replace("allowDestroy: true", "allowDestroy: false", StringComparison.Ordinal));
        var config = PolicyConfig.Parse("{\"destruction-boundary\": \"advisory\"}");

        var kept = new[] { "cp-1", "cp-2", "cp-3" }.Select(h.Node).ToList();
        var evaluation = h.EvaluatePlan(kept, kept.Select(PolicyHarness.Same).Append(PolicyHarness.Delete(h.Node("w-1"))), config);

        Assert.Equal(EnforcementLevel.Advisory, Assert.Single(evaluation.Violations).EnforcementLevel);
        Assert.False(evaluation.HasMandatory);
    }

    [Fact]
    public void SpecFacts_Of_Lab01_LocatesEachFactOnItsLine()
    {
        using var h = new PolicyHarness();
        var allowDestroy = h.Facts.Single(f => f.Name == PolicyContract.AllowDestroyPath);
        Assert.True(allowDestroy.Inputs["value"].AsBool());
        Assert.Equal(h.LineOf("allowDestroy: true"), allowDestroy.Source!.Line);
        var w1 = h.Facts.Single(f => f.Name == "spec.nodes.inventory[3]");
        Assert.Equal(PropertyMap.Of(("name", "w-1"), ("role", "worker")), w1.Inputs["value"].AsObject());
        Assert.Equal(h.LineOf("name: w-1"), w1.Source!.Line);
    }
}
