using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>The Kubernetes reference workload.</summary>
internal sealed record KubernetesSpec
{
    [Description("Whether Kubernetes is brought up.")]
    public bool Enabled { get; init; } = false;

    [DestructiveFlag, Description("Allows kubeadm reset of a node. Defaults to false.")]
    public bool AllowReset { get; init; } = false;

    [Description("Kubernetes version: exact (v1.30.4) or patch-resolvable (v1.30.x); never latest.")]
    public string? Version { get; init; }

    [Description("Pod network. Defaults to 10.244.0.0/16.")]
    public string PodCidr { get; init; } = "10.244.0.0/16";

    [Description("Service network. Defaults to 10.96.0.0/16 (narrower than kubeadm's 10.96.0.0/12, which would swallow planes in 10.97-10.111).")]
    public string ServiceCidr { get; init; } = "10.96.0.0/16";

    [Description("Control-plane topology.")]
    public HaSpec Ha { get; init; } = new();

    [Description("The CNI.")]
    public CniSpec Cni { get; init; } = new();

    [Description("Prometheus, Grafana and Loki.")]
    public ObservabilitySpec Observability { get; init; } = new();
}
