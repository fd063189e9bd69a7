using Kubedos.Infra.Tests.Components;
using Kubedos.Operations;
using Kubedos.Operations.Runbooks;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Infra.Tests.Operations.Runbooks;

public sealed class RotationPlanTests
{
    private static NormalisedCluster Lab01(bool kubernetes = false) => kubernetes ? LabSpecs.Lab01Kubernetes : LabSpecs.Lab01WithoutKubernetes;

    [Fact]
    public void From_WireGuard_OneStepPerNodeWithEveryPlaneKey_ThenTheOperatorKey()
    {
        var plan = RotationPlan.From(Lab01(), RotationPlan.WireGuard);

        Assert.Equal(["cp-1", "cp-2", "cp-3", "w-1", "operator"], plan.Steps.Select(s => s.Subject));
        Assert.Equal([(RotationPlan.KeyPairType, "w-1-wg1"), (RotationPlan.KeyPairType, "w-1-wg2"), (RotationPlan.KeyPairType, "w-1-wg3")], plan.Steps[3].Resources);
        Assert.Equal([(RotationPlan.KeyPairType, "operator-wg1")], plan.Steps[4].Resources);
    }

    [Fact]
    public void From_NodeCerts_EachNodesIdentityKey()
    {
        var plan = RotationPlan.From(Lab01(), RotationPlan.NodeCerts);

        Assert.Equal(["cp-1-identity", "cp-2-identity", "cp-3-identity", "w-1-identity"], plan.Steps.Select(s => Assert.Single(s.Resources).Name));
        Assert.All(plan.Steps, s => Assert.Equal(RotationPlan.PrivateKeyType, s.Resources[0].Type));
    }

    [Fact]
    public void From_All_WithoutEtcd_WireGuardThenNodeCerts_WithEtcd_ThenEachControlPlanesEtcdKeys()
    {
        Assert.Equal(5 + 4, RotationPlan.From(Lab01(), RotationPlan.All).Steps.Count);

        var withEtcd = RotationPlan.From(Lab01(kubernetes: true), RotationPlan.All);

        var etcd = withEtcd.Steps.Where(s => s.Kind == RotationPlan.EtcdCerts).ToList();
        Assert.Equal(["cp-1", "cp-2", "cp-3"], etcd.Select(s => s.Subject));
        Assert.Equal(["cp-2-etcd-server", "cp-2-etcd-peer", "cp-2-apiserver-etcd-client"], etcd[1].Resources.Select(r => r.Name));
    }

    [Theory]
    [InlineData("etcd-certs", "spec.kubernetes.enabled is false")]
    [InlineData("ssh", "rotate renews wireguard, node-certs, etcd-certs or all")]
    public void From_WhatTheClusterCannotHave_RefusedAsAskedWrong(string what, string message)
    {
        var refused = Assert.Throws<OperationRefusedException>(() => RotationPlan.From(Lab01(), what));

        Assert.True(refused.AskedWrong);
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }
}
