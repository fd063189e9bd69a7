using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;
using Kubedos.Policies;

namespace Kubedos.Infra.Tests.Policies;

public sealed class EnrollmentGatedPolicyTests
{
    [Fact]
    public void Evaluate_TokenAndPinEnrollment_Passes()
    {
        using var h = new PolicyHarness();
        var service = PolicyHarness.Resource(PolicyContract.EnrollmentType, "enrollment", PropertyMap.Of(("mode", "token+pin")));
        Assert.Empty(h.Of(h.EvaluatePlan([service], [PolicyHarness.Create(service)]), EnrollmentGatedPolicy.Id));
    }

    [Fact]
    public void Evaluate_OpenEnrollmentService_IsMandatoryAtTheModeLine()
    {
        using var h = new PolicyHarness();
        var service = PolicyHarness.Resource(PolicyContract.EnrollmentType, "enrollment", PropertyMap.Of(("mode", "open")), h.Locate(PolicyContract.EnrollmentModePath));

        var v = Assert.Single(h.Of(h.EvaluatePlan([service], [PolicyHarness.Create(service)]), EnrollmentGatedPolicy.Id));

        Assert.Equal(EnforcementLevel.Mandatory, v.EnforcementLevel);
        Assert.Equal("enrollment service enrollment is 'open': enrollment would be open (gated modes: token+pin, offline-approve, cert-preseed)", v.Message);
        Assert.Equal(h.LineOf("mode: token+pin"), v.Source!.Line);
    }

    [Fact]
    public void Evaluate_UnboundedJoinWindowFact_IsAViolation()
    {
        var fact = PolicyHarness.Resource(PolicyContract.SpecFactType, PolicyContract.JoinWindowPath, PropertyMap.Of(("path", PolicyContract.JoinWindowPath), ("value", 0)), new PolicySourceLocation("s.yaml", 9, 7));
        var v = Assert.Single(PolicyHarness.Evaluate([fact], []).Violations, x => x.PolicyName == EnrollmentGatedPolicy.Id);
        Assert.Equal("spec.security.enrollment.joinWindowMinutes is 0; an unbounded join window leaves enrollment open", v.Message);
        Assert.Equal(9, v.Source!.Line);
    }
}
