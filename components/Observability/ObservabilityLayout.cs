using System.Globalization;

namespace Kubedos.Components.Observability;

/// <summary>
/// Where the observability services live on a node and which ports they answer on (all bound to the node's
/// bind-plane address, wg2 by default): the one place the renderers, the Ansible variables and the gate read.
/// </summary>
internal static class ObservabilityLayout
{
    public const int NodeExporterPort = 9100;

    public const int PrometheusPort = 9090;

    public const int AlertmanagerPort = 9093;

    /// <summary>Syslog over TLS (RFC 5425).</summary>
    public const int LogCollectorPort = 6514;

    /// <summary>Where the etcd role serves <c>/metrics</c> (etcd's <c>--listen-metrics-urls</c>, https with client certificates), on the node's bind-plane address.</summary>
    public const int EtcdMetricsPort = 2381;

    /// <summary>Loki's HTTP port in the Kubernetes reference (the spec's wg2 -&gt; wg3 allow rule names it).</summary>
    public const int LokiPort = 3100;

    /// <summary>Grafana's HTTP port in the Kubernetes reference.</summary>
    public const int GrafanaPort = 3000;

    /// <summary>How often Prometheus scrapes and evaluates rules (short, so a lab's gate sees a stopped exporter within seconds).</summary>
    public const int ScrapeIntervalSeconds = 5;

    /// <summary>The runit service names (and the <c>/var/lib/kubedos/&lt;name&gt;</c> data directories).</summary>
    public const string NodeExporter = "node-exporter";

    public const string Prometheus = "prometheus";

    public const string Alertmanager = "alertmanager";

    public const string LogCollector = "log-collector";

    public const string LogForwarder = "log-forwarder";

    /// <summary>A service's configuration directory on a node (node-private <c>/etc</c>).</summary>
    public static string ConfigDirectory(string service) => $"/etc/kubedos/{service}";

    /// <summary>A service's data directory on a node (<c>/var/lib/kubedos</c> is node-private on lab nodes).</summary>
    public static string DataDirectory(string service) => $"/var/lib/kubedos/{service}";

    /// <summary>The local socket a node's programs (and the gate's probe) log to; the forwarder reads it.</summary>
    public const string ForwarderSocket = "/run/kubedos/log-forwarder/log.sock";

    /// <summary>Where the collector files what a node sent: one directory per sender's bind-plane address.</summary>
    public static string CollectedLog(string senderAddress) => $"{DataDirectory(LogCollector)}/hosts/{senderAddress}/messages.log";

    public static string Endpoint(string address, int port) => $"{address}:{port.ToString(CultureInfo.InvariantCulture)}";
}
