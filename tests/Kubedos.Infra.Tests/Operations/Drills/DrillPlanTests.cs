using Kubedos.Infra.Tests.Components;
using Kubedos.Operations;
using Kubedos.Operations.Drills;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Infra.Tests.Operations.Drills;

public sealed class DrillPlanTests
{
    private static NormalisedCluster Lab01() => LabSpecs.Lab01;

    [Fact]
    public void From_Lab01DeleteWorker_FailsTheWorkerAndHoldsItToTheTighterTarget()
    {
        var plan = DrillPlan.From(Lab01(), DrillPlan.DeleteWorker, null);

        Assert.Equal("w-1", plan.Node);
        Assert.Equal(NodeRole.Worker, plan.Role);
        Assert.Equal(TimeSpan.FromMinutes(10), plan.ExpectRecovery);
        Assert.Equal(TimeSpan.FromMinutes(30), plan.MttrTarget);
        Assert.Equal(TimeSpan.FromMinutes(10), plan.Target);
    }

    [Fact]
    public void From_Lab01DeleteControlPlane_FailsTheLastControlPlaneUnlessNamed()
    {
        Assert.Equal("cp-3", DrillPlan.From(Lab01(), DrillPlan.DeleteControlPlane, null).Node);
        Assert.Equal("cp-1", DrillPlan.From(Lab01(), DrillPlan.DeleteControlPlane, "cp-1").Node);
    }

    [Theory]
    [InlineData("delete-everything", null, "not declared in spec.acceptance.drills")]
    [InlineData("delete-worker", "cp-1", "'cp-1' is a control-plane")]
    [InlineData("delete-worker", "w-9", "node 'w-9' is not in cluster")]
    public void From_WhatTheSpecDoesNotHave_IsRefusedAsAskedWrong(string name, string? node, string message)
    {
        var refused = Assert.Throws<OperationRefusedException>(() => DrillPlan.From(Lab01(), name, node));

        Assert.True(refused.AskedWrong);
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }
}
