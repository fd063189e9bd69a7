using Kubedos.Infra.Tests.Spec;
using Kubedos.Operations.Drills;
using Kubedos.Operations.Drills.Local;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Infra.Tests.Operations.Drills;

public sealed class QuorumWitnessesTests
{
    private static NormalisedCluster Lab01(bool kubernetes)
    {
        var text = RepositoryFiles.Read("stacks/lab-01.yaml");
        if (kubernetes)
        {
            text = SpecText.ReplaceOnce(text, "enabled: false              # the lab", "enabled: true\n    version: v1.30.4\n    cni: { version: \"1.16.1\" } # the lab");
        }

        var loaded = SpecText.Validate(text);
        Assert.True(loaded.Succeeded, string.Join('\n', loaded.Diagnostics));
        return SpecNormaliser.Normalise(loaded.Document!);
    }

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
}
