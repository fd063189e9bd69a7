using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;
using Kubedos.Policies;

namespace Kubedos.Infra.Tests.Policies;

public sealed class DestructionBoundaryPolicyTests
{
    private static string NoDestroy(string spec) => spec.Replace("allowDestroy: true", "allowDestroy: false", StringComparison.Ordinal);

    [Fact]
    public void Evaluate_NodeDeletedWithAllowDestroyFalse_IsMandatoryAtTheFlagsLine()
    {
        using var h = new PolicyHarness(NoDestroy);
        var w1 = h.Node("w-1");

        var v = Assert.Single(h.Of(h.EvaluatePlan([], [PolicyHarness.Delete(w1)]), DestructionBoundaryPolicy.Id));

        Assert.Equal(EnforcementLevel.Mandatory, v.EnforcementLevel);
        Assert.Equal($"delete of {w1.Urn} needs spec.substrate.allowDestroy: true (it is false)", v.Message);
        Assert.Equal(h.SpecFile, v.Source!.File);
        Assert.Equal(h.LineOf("allowDestroy: false"), v.Source.Line);
        Assert.Equal("kubedos", v.PolicyPack);
        Assert.NotNull(v.Remediation);
    }

    [Fact]
    public void Evaluate_NodeReplacedWithAllowDestroyFalse_NamesTheReplace()
    {
        using var h = new PolicyHarness(NoDestroy);
        var cp1 = h.Node("cp-1");

        var v = Assert.Single(h.Of(h.EvaluatePlan([cp1], [PolicyHarness.Replace(cp1)]), DestructionBoundaryPolicy.Id));

        Assert.StartsWith($"replace of {cp1.Urn} needs spec.substrate.allowDestroy", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NodeDeletedWithAllowDestroyTrue_Passes()
    {
        using var h = new PolicyHarness();
        Assert.Empty(h.Of(h.EvaluatePlan([], [PolicyHarness.Delete(h.Node("w-1"))]), DestructionBoundaryPolicy.Id));
    }

    [Fact]
    public void Evaluate_LabDiskDeletedWithAllowDestroyFalse_IsRefused()
    {
        using var h = new PolicyHarness(NoDestroy);
        var disk = PolicyHarness.Resource("local:lab:Disk", "w-1-data-0", PropertyMap.Of(("node", "w-1"), ("name", "data-0")));

        var v = Assert.Single(h.Of(h.EvaluatePlan([], [PolicyHarness.Delete(disk)]), DestructionBoundaryPolicy.Id));

        Assert.Equal($"delete of {disk.Urn} needs spec.substrate.allowDestroy: true (it is false)", v.Message);
    }

    [Fact]
    public void Evaluate_DestroyDeletingTheFactsToo_ReadsTheFlagFromBefore()
    {
        using var h = new PolicyHarness(NoDestroy);
        var steps = h.Facts.Select(PolicyHarness.Delete).Append(PolicyHarness.Delete(h.Node("cp-1")));

        var v = Assert.Single(h.Of(PolicyHarness.Evaluate([], steps), DestructionBoundaryPolicy.Id));

        Assert.Contains("(it is false)", v.Message, StringComparison.Ordinal);
        Assert.Equal(h.LineOf("allowDestroy: false"), v.Source!.Line);
    }

    [Fact]
    public void Evaluate_NoFactsRegistered_FailsClosedOnTheNode()
    {
        var node = PolicyHarness.Resource("local:lab:Node", "cp-1", PropertyMap.Of(("name", "cp-1")), new PolicySourceLocation("stacks/x.yaml", 4, 7));

        var v = Assert.Single(PolicyHarness.Evaluate([], [PolicyHarness.Delete(node)]).Violations, x => x.PolicyName == DestructionBoundaryPolicy.Id);

        Assert.Contains("the program registers no such fact", v.Message, StringComparison.Ordinal);
        Assert.Equal(node.Urn, v.Urn);
        Assert.Equal(4, v.Source!.Line);
    }

    [Theory]
    [InlineData("wipe", "spec.orchestration.ansible.safety.allowWipe", "allowWipe: false")]
    [InlineData("repartition", "spec.orchestration.ansible.safety.allowRepartition", "allowRepartition: false")]
    public void Evaluate_DiskOperationWithoutItsFlag_IsRefused(string operation, string flag, string line)
    {
        using var h = new PolicyHarness();
        var op = PolicyHarness.Resource(PolicyContract.DiskOperationType, $"{operation}-w-1", PropertyMap.Of(("operation", operation), ("node", "w-1")));

        var v = Assert.Single(h.Of(h.EvaluatePlan([op], [PolicyHarness.Create(op)]), DestructionBoundaryPolicy.Id));

        Assert.Equal($"{operation} of {op.Urn} needs {flag}: true (it is false)", v.Message);
        Assert.Equal(h.LineOf(line), v.Source!.Line);
    }

    [Fact]
    public void Evaluate_DiskOperationWithItsFlag_Passes()
    {
        // allowWipe: true is refused by validate while nothing wipes (unsupported-field): the fact stands in for it.
        using var h = new PolicyHarness();
        var facts = h.Facts.Select(f => f.Name == PolicyContract.AllowWipePath ? f with { Inputs = f.Inputs.Set("value", true) } : f).ToList();
        var op = PolicyHarness.Resource(PolicyContract.DiskOperationType, "wipe-w-1", PropertyMap.Of(("operation", "wipe")));
        var evaluation = PolicyHarness.Evaluate([.. facts, op], [.. facts.Select(PolicyHarness.Same), PolicyHarness.Create(op)]);
        Assert.Empty(h.Of(evaluation, DestructionBoundaryPolicy.Id));
    }

    [Fact]
    public void Evaluate_KubernetesResetWithoutAllowReset_IsRefused()
    {
        using var h = new PolicyHarness();
        var reset = PolicyHarness.Resource(PolicyContract.KubernetesResetType, "reset-cp-1", PropertyMap.Of(("node", "cp-1")));

        var v = Assert.Single(h.Of(h.EvaluatePlan([reset], [PolicyHarness.Create(reset)]), DestructionBoundaryPolicy.Id));

        Assert.Equal($"kubernetes reset of {reset.Urn} needs spec.kubernetes.allowReset: true (it is false)", v.Message);
        Assert.Equal(h.LineOf("allowReset: false"), v.Source!.Line);
    }
}
