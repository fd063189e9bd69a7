using Kubedos.Components.Observability;

namespace Kubedos.Infra.Tests.Components.Observability;

public sealed class ObservabilityTopologyTests
{
    [Fact]
    public void Of_NoNodesNamed_HubIsTheFirstControlPlaneOnWg2()
    {
        var topology = ObservabilityTopology.Of(ObservedClusters.Lab01());

        var hub = Assert.Single(topology.Hubs);
        Assert.Equal(new ObservedNode("cp-1", "control-plane", "10.102.0.11"), hub);
        Assert.Equal(["10.102.0.11", "10.102.0.12", "10.102.0.13", "10.102.0.21"], topology.Nodes.Select(n => n.Address));
        Assert.Equal("wg2", topology.BindPlane);
    }

    [Fact]
    public void Of_NodesNamed_HubsAreThoseInSpecOrder()
    {
        var topology = ObservabilityTopology.Of(ObservedClusters.Lab01(hubs: ["w-1", "cp-2"]));

        Assert.Equal(["w-1", "cp-2"], topology.Hubs.Select(h => h.Name));
        Assert.True(topology.IsHub("w-1"));
        Assert.False(topology.IsHub("cp-1"));
    }

    [Fact]
    public void Of_EtcdMembers_AreTheControlPlanesOnlyWithKubernetes()
    {
        Assert.Empty(ObservedClusters.Topology(kubernetes: false).EtcdMembers);

        var topology = ObservedClusters.Topology(kubernetes: true);

        Assert.Equal(["cp-1", "cp-2", "cp-3"], topology.EtcdMembers.Select(m => m.Name));
        Assert.Equal(2, topology.EtcdQuorum);
    }
}
