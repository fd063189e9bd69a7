using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;
using Kubedos.Policies;

namespace Kubedos.Infra.Tests.Policies;

public sealed class PlaneCidrDisjointPolicyTests
{
    [Fact]
    public void Evaluate_LabPlanesAndClusterNetworks_AreDisjoint()
    {
        using var h = new PolicyHarness();
        var wg1 = PolicyHarness.Resource(PolicyContract.PlaneType, "wg1", PropertyMap.Of(("name", "wg1"), ("cidr", "10.101.0.0/24")));
        Assert.Empty(h.Of(h.EvaluatePlan([wg1], [PolicyHarness.Same(wg1)]), PlaneCidrDisjointPolicy.Id));
    }

    [Fact]
    public void Evaluate_PlaneResourceOverlappingAnotherPlane_IsMandatoryAtItsLine()
    {
        using var h = new PolicyHarness();
        var at = h.Locate("spec.networking.planes.wg2");
        var wg4 = PolicyHarness.Resource(PolicyContract.PlaneType, "wg4", PropertyMap.Of(("name", "wg4"), ("cidr", "10.102.0.128/25")), at);

        var v = Assert.Single(h.Of(h.EvaluatePlan([wg4], [PolicyHarness.Create(wg4)]), PlaneCidrDisjointPolicy.Id));

        Assert.Equal(EnforcementLevel.Mandatory, v.EnforcementLevel);
        Assert.Equal("plane wg4 10.102.0.128/25 overlaps plane wg2 10.102.0.0/24", v.Message);
        Assert.Equal(h.LineOf("wg2: { cidr"), v.Source!.Line);
    }

    [Fact]
    public void Evaluate_PlaneInsideThePodCidr_IsAViolationOnThePodCidr()
    {
        // A pod CIDR fact is registered only with Kubernetes enabled (ClusterNetworks), which this build refuses: stand it in.
        using var h = new PolicyHarness();
        var pod = PolicyHarness.Resource(PolicyContract.SpecFactType, PolicyContract.PodCidrPath,
            PropertyMap.Of(("path", PolicyContract.PodCidrPath), ("value", "10.200.0.0/16")), h.Locate("spec.kubernetes"));
        var wg = PolicyHarness.Resource(PolicyContract.PlaneType, "wg9", PropertyMap.Of(("name", "wg9"), ("cidr", "10.200.5.0/24")));

        var v = Assert.Single(h.Of(h.EvaluatePlan([pod, wg], [PolicyHarness.Create(pod), PolicyHarness.Create(wg)]), PlaneCidrDisjointPolicy.Id));

        Assert.Equal("pod CIDR 10.200.0.0/16 overlaps plane wg9 10.200.5.0/24", v.Message);
        Assert.Equal(h.LineOf("  kubernetes:"), v.Source!.Line);
    }

    [Fact]
    public void Evaluate_KubernetesDisabled_JudgesNoDefaultPodOrServiceCidr()
    {
        using var h = new PolicyHarness(Components.LabSpecs.WithoutKubernetes);
        var wg = PolicyHarness.Resource(PolicyContract.PlaneType, "wg9", PropertyMap.Of(("name", "wg9"), ("cidr", "10.244.5.0/24")));

        Assert.DoesNotContain(h.Facts, f => f.Name is PolicyContract.PodCidrPath or PolicyContract.ServiceCidrPath);
        Assert.Empty(h.Of(h.EvaluatePlan([wg], [PolicyHarness.Create(wg)]), PlaneCidrDisjointPolicy.Id));
    }

    [Fact]
    public void Evaluate_PlaneCidrThatIsNotACidr_IsReported()
    {
        using var h = new PolicyHarness();
        var wg = PolicyHarness.Resource(PolicyContract.PlaneType, "wg9", PropertyMap.Of(("name", "wg9"), ("cidr", "10.300.0.0/24")));
        var v = Assert.Single(h.Of(h.EvaluatePlan([wg], [PolicyHarness.Create(wg)]), PlaneCidrDisjointPolicy.Id));
        Assert.Equal("plane wg9: '10.300.0.0/24' is not a canonical IPv4 CIDR: '10.300.0.0' has the octet '300'; octets are decimal numbers 0-255, so it cannot be shown disjoint", v.Message);
    }

    [Fact]
    public void Evaluate_PlaneCidrWithLeadingZeros_IsReportedNotReadAsOctal()
    {
        using var h = new PolicyHarness();
        var wg = PolicyHarness.Resource(PolicyContract.PlaneType, "wg9", PropertyMap.Of(("name", "wg9"), ("cidr", "010.200.5.0/24")));

        var v = Assert.Single(h.Of(h.EvaluatePlan([wg], [PolicyHarness.Create(wg)]), PlaneCidrDisjointPolicy.Id));

        Assert.Contains("'010' with a leading zero", v.Message, StringComparison.Ordinal);
    }
}
