using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>Prometheus, Grafana and Loki.</summary>
internal sealed record ObservabilitySpec
{
    [Description("Whether the observability stack is deployed.")]
    public bool Enabled { get; init; } = false;

    [Description("Which parts of the stack run.")]
    public ObservabilityStack Stack { get; init; } = new();

    [Description("Plane the stack listens on. Defaults to wg2.")]
    public string BindPlane { get; init; } = "wg2";
}
