using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;
using Kubedos.Policies;

namespace Kubedos.Infra.Tests.Policies;

public sealed class InterPlaneDefaultDenyPolicyTests
{
    private static PropertyValue Rule(string from, string to, params string[] ports) =>
        PropertyMap.Of(("from", from), ("to", to), ("ports", PropertyValue.Of(ports.Select(p => (PropertyValue)p))));

    private static PolicyResource Firewall(string node, string defaultInterPlane, PolicySourceLocation? at, params PropertyValue[] rules) =>
        PolicyHarness.Resource(PolicyContract.FirewallType, $"{node}-firewall", PropertyMap.Of(
            ("node", node), ("defaultInterPlane", defaultInterPlane), ("allow", PropertyValue.Of(rules))), at);

    [Fact]
    public void Evaluate_FirewallOpeningOnlyTheSpecsRules_Passes()
    {
        using var h = new PolicyHarness();
        var fw = Firewall("cp-1", "deny", null, Rule("wg1", "wg3", "6443/tcp"), Rule("wg2", "wg3", "9090/tcp"));
        Assert.Empty(h.Of(h.EvaluatePlan([fw], [PolicyHarness.Create(fw)]), InterPlaneDefaultDenyPolicy.Id));
    }

    [Fact]
    public void Evaluate_FirewallOpeningAFlowTheSpecLacks_IsMandatoryAtTheNode()
    {
        using var h = new PolicyHarness();
        var fw = Firewall("cp-1", "deny", h.Locate(h.InventoryPath("cp-1")), Rule("wg1", "wg3", "6443/tcp"), Rule("wg3", "wg1", "22/tcp"));

        var v = Assert.Single(h.Of(h.EvaluatePlan([fw], [PolicyHarness.Create(fw)]), InterPlaneDefaultDenyPolicy.Id));

        Assert.Equal(EnforcementLevel.Mandatory, v.EnforcementLevel);
        Assert.Equal("firewall of cp-1 opens flows the spec does not allow: wg3->wg1:22/tcp", v.Message);
        Assert.Equal(h.LineOf("name: cp-1"), v.Source!.Line);
    }

    [Fact]
    public void Evaluate_FirewallDefaultAllow_IsAViolation()
    {
        using var h = new PolicyHarness();
        var fw = Firewall("w-1", "allow", null);
        var v = Assert.Single(h.Of(h.EvaluatePlan([fw], [PolicyHarness.Create(fw)]), InterPlaneDefaultDenyPolicy.Id));
        Assert.Equal("firewall of w-1 does not deny inter-plane traffic by default (defaultInterPlane: allow)", v.Message);
    }

    [Fact]
    public void Evaluate_SpecDefaultAllow_IsAViolationAtThePolicyLine()
    {
        // Kubernetes off: with it, validation refuses an open spec first (etcd-plane-private).
        using var h = new PolicyHarness(s => Components.LabSpecs.WithoutKubernetes(s).Replace("defaultInterPlane: deny", "defaultInterPlane: allow", StringComparison.Ordinal));
        var v = Assert.Single(h.Of(h.EvaluatePlan([], []), InterPlaneDefaultDenyPolicy.Id));
        Assert.Equal("spec.networking.policy.defaultInterPlane is 'allow'; inter-plane traffic must be denied by default", v.Message);
        Assert.Equal(h.Locate(PolicyContract.PlanePolicyPath).Line, v.Source!.Line);
    }
}
