using Kubedos.Components.Observability;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Infra.Tests.Components.Observability;

/// <summary>The repository's stacks with the observability stack switched on (and Kubernetes, for the etcd members).</summary>
internal static class ObservedClusters
{
    public static NormalisedCluster Lab01(bool kubernetes = false, IReadOnlyList<string>? hubs = null) => With(LabSpecs.Lab01, kubernetes, hubs);

    public static NormalisedCluster Dev => With(LabSpecs.Dev, kubernetes: false, hubs: null);

    public static ObservabilityTopology Topology(bool kubernetes = false) => ObservabilityTopology.Of(Lab01(kubernetes));

    private static NormalisedCluster With(NormalisedCluster cluster, bool kubernetes, IReadOnlyList<string>? hubs)
    {
        var observability = new ObservabilitySpec { Enabled = true, LogPlane = LogPlane.Rsyslog, Nodes = hubs ?? [] };
        return cluster with { Kubernetes = cluster.Kubernetes with { Enabled = kubernetes, Observability = observability } };
    }
}
