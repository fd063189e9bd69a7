using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>Which parts of the observability stack run.</summary>
internal sealed record ObservabilityStack
{
    [Description("Prometheus.")]
    public bool Prometheus { get; init; } = true;

    [Description("Grafana.")]
    public bool Grafana { get; init; } = true;

    [Description("Loki.")]
    public bool Loki { get; init; } = true;
}
