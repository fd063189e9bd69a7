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

    [Description("Inventory nodes that run Prometheus, Alertmanager and the log collector. Defaults to the first control-plane node of the inventory.")]
    public IReadOnlyList<string> Nodes { get; init; } = [];

    [Description("The log plane on the nodes: rsyslog (every node forwards its service logs over TLS to the collector) or loki. No default: written whenever the stack is enabled, so which log plane runs is never assumed.")]
    public LogPlane LogPlane { get; init; } = LogPlane.Rsyslog;
}
