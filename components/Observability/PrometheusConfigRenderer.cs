using System.Globalization;

namespace Kubedos.Components.Observability;

/// <summary>
/// <c>prometheus.yml</c> for one observability node: scrape every node exporter, every Prometheus and Alertmanager of
/// the stack, and (when there are members) every etcd member's <c>/metrics</c> over https with a client certificate,
/// all on bind-plane addresses; alert through every Alertmanager. A pure function of the topology.
/// </summary>
internal static class PrometheusConfigRenderer
{
    public const string NodeJob = "node";

    public const string EtcdJob = "etcd";

    public const string PrometheusJob = "prometheus";

    public const string AlertmanagerJob = "alertmanager";

    /// <summary>Where the role puts the alerting rules, beside the configuration.</summary>
    public static string RulesPath => $"{ObservabilityLayout.ConfigDirectory(ObservabilityLayout.Prometheus)}/rules.yml";

    /// <summary>The etcd scrape's CA bundle, client certificate and key (written by the prometheus role from the etcd variables).</summary>
    public static string EtcdCaPath => $"{ObservabilityLayout.ConfigDirectory(ObservabilityLayout.Prometheus)}/etcd-ca.pem";

    public static string EtcdCertPath => $"{ObservabilityLayout.ConfigDirectory(ObservabilityLayout.Prometheus)}/etcd-client.pem";

    public static string EtcdKeyPath => $"{ObservabilityLayout.ConfigDirectory(ObservabilityLayout.Prometheus)}/etcd-client-key.pem";

    public static string Render(ObservabilityTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var interval = ObservabilityLayout.ScrapeIntervalSeconds.ToString(CultureInfo.InvariantCulture) + "s";
        var scrapes = new List<object>
        {
            Job(NodeJob, topology.Nodes, ObservabilityLayout.NodeExporterPort),
            Job(PrometheusJob, topology.Hubs, ObservabilityLayout.PrometheusPort),
            Job(AlertmanagerJob, topology.Hubs, ObservabilityLayout.AlertmanagerPort),
        };
        if (topology.EtcdMembers.Count > 0)
        {
            var etcd = Job(EtcdJob, topology.EtcdMembers, ObservabilityLayout.EtcdMetricsPort);
            etcd["scheme"] = "https";
            etcd["tls_config"] = new Dictionary<string, object>
            {
                ["ca_file"] = EtcdCaPath,
                ["cert_file"] = EtcdCertPath,
                ["key_file"] = EtcdKeyPath,
            };
            scrapes.Add(etcd);
        }

        var document = new Dictionary<string, object>
        {
            ["global"] = new Dictionary<string, object>
            {
                ["scrape_interval"] = interval,
                ["scrape_timeout"] = "4s",
                ["evaluation_interval"] = interval,
                ["external_labels"] = new Dictionary<string, object> { ["cluster"] = topology.Cluster },
            },
            ["rule_files"] = new List<object> { RulesPath },
            ["alerting"] = new Dictionary<string, object>
            {
                ["alertmanagers"] = new List<object>
                {
                    new Dictionary<string, object>
                    {
                        ["static_configs"] = new List<object>
                        {
                            new Dictionary<string, object> { ["targets"] = Targets(topology.Hubs, ObservabilityLayout.AlertmanagerPort) },
                        },
                    },
                },
            },
            ["scrape_configs"] = scrapes,
        };
        return "# Rendered by kubedos (components/Observability): every target on the bind plane (" + topology.BindPlane + ").\n" + YamlText.Render(document);
    }

    private static Dictionary<string, object> Job(string name, IReadOnlyList<ObservedNode> nodes, int port) => new()
    {
        ["job_name"] = name,
        ["static_configs"] = nodes.Select(n => (object)new Dictionary<string, object>
        {
            ["targets"] = new List<object> { ObservabilityLayout.Endpoint(n.Address, port) },
            ["labels"] = new Dictionary<string, object> { ["node"] = n.Name, ["role"] = n.Role },
        }).ToList(),
    };

    private static List<object> Targets(IReadOnlyList<ObservedNode> nodes, int port) =>
        [.. nodes.Select(n => (object)ObservabilityLayout.Endpoint(n.Address, port))];
}
