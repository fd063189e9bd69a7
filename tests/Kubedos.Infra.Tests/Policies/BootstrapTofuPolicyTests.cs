using Kubedos.Engine.Policy;
using Kubedos.Policies;

namespace Kubedos.Infra.Tests.Policies;

public sealed class BootstrapTofuPolicyTests
{
    [Fact]
    public void Evaluate_OfflineCa_Passes()
    {
        using var h = new PolicyHarness();
        Assert.Empty(h.Of(h.EvaluatePlan([], []), BootstrapTofuPolicy.Id));
    }

    [Fact]
    public void Evaluate_ToFuBootstrap_IsAnAdvisoryWarningAtTheModelLine()
    {
        using var h = new PolicyHarness(s => s.Replace("model: offline-ca ", "model: to-fu      ", StringComparison.Ordinal));

        var evaluation = h.EvaluatePlan([], []);
        var v = Assert.Single(h.Of(evaluation, BootstrapTofuPolicy.Id));

        Assert.Equal(EnforcementLevel.Advisory, v.EnforcementLevel);
        Assert.Equal("spec.security.bootstrap.model is to-fu: the first CA a node sees is trusted without a pin", v.Message);
        Assert.Equal(h.LineOf("model: to-fu"), v.Source!.Line);
        Assert.False(evaluation.HasMandatory);
    }
}
