using Kubedos.Components.Kubernetes;
using Kubedos.Engine.Model;
using Kubedos.Engine.State;
using Kubedos.Infra.Tests.Components;
using Kubedos.Operations;
using Kubedos.Operations.Drills;
using Kubedos.Operations.Drills.Local;
using Kubedos.Providers.Local;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Infra.Tests.Operations.Drills;

public sealed class QuorumWitnessesTests
{
    private static NormalisedCluster Lab01(bool kubernetes) => kubernetes ? LabSpecs.Lab01Kubernetes : LabSpecs.Lab01WithoutKubernetes;

    [Fact]
    public void For_ControlPlaneWithKubernetes_WatchesEtcdOnTheLab()
    {
        var cluster = Lab01(kubernetes: true);

        var witness = QuorumWitnesses.For(cluster, "lab-01", DrillPlan.From(cluster, DrillPlan.DeleteControlPlane, "cp-2"));

        Assert.IsType<LocalEtcdWitness>(witness);
    }

    [Theory]
    [InlineData(false, DrillPlan.DeleteControlPlane)]
    [InlineData(true, DrillPlan.DeleteWorker)]
    public void For_NodeHoldingNoEtcdMember_IsNone(bool kubernetes, string drill)
    {
        var cluster = Lab01(kubernetes);

        Assert.Null(QuorumWitnesses.For(cluster, "lab-01", DrillPlan.From(cluster, drill, null)));
    }

    // A lab of the same stack name that another state made (here: no owner file at all) gets no quorum key and is not read.
    [Fact]
    public async Task LocalEtcdWitness_LabNotThisStates_RefusesTheWriteAndReadsNothing()
    {
        var root = Directory.CreateTempSubdirectory("kubedos-witness-").FullName;
        try
        {
            var cluster = Lab01(kubernetes: true);
            var lab = new LocalLab(new HostCommandRunner(), new LabOptions(root), TimeProvider.System);
            var witness = new LocalEtcdWitness(lab, "lab-01", EtcdMembership.Of(cluster), "cp-2");
            var node = new ResourceState(Urn.Create("lab-01", "kubedos", string.Empty, NodeResource.TypeToken, "cp-1"), NodeResource.TypeToken, Custom: true)
            {
                Outputs = PropertyMap.From([KeyValuePair.Create("name", PropertyValue.Of("cp-1")), KeyValuePair.Create("labOwner", PropertyValue.Of("this-state"))]),
            };
            var checkpoint = new Checkpoint(CheckpointManifest.At(DateTimeOffset.UnixEpoch), null, [node], []);

            var refused = await Assert.ThrowsAsync<OperationRefusedException>(() => witness.WriteAsync("kubedos/drills/k", "cp-2", checkpoint, CancellationToken.None));

            Assert.Contains("is not this state's (owner this-state)", refused.Message, StringComparison.Ordinal);
            Assert.Null(await witness.ReadAsync("kubedos/drills/k", CancellationToken.None));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
