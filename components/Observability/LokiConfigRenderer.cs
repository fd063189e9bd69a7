using System.Globalization;

namespace Kubedos.Components.Observability;

/// <summary>
/// Loki (single binary, filesystem storage) and promtail for the Kubernetes reference, rendered only: Grafana Loki and
/// promtail are not obtainable on this machine, so nothing runs them here (the spec's logPlane says what runs on the
/// nodes, and validation refuses <c>loki</c> there). promtail reads the pods' logs and pushes to the Loki service.
/// </summary>
internal static class LokiConfigRenderer
{
    /// <summary>The Loki service the Kubernetes reference runs (namespace <c>kubedos-observability</c>).</summary>
    public static string ServiceUrl => string.Create(CultureInfo.InvariantCulture, $"http://loki.kubedos-observability.svc:{ObservabilityLayout.LokiPort}");

    public static IReadOnlyList<RenderedConfig> Render(ObservabilityTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var loki = new Dictionary<string, object>
        {
            ["auth_enabled"] = false,
            ["server"] = new Dictionary<string, object> { ["http_listen_port"] = ObservabilityLayout.LokiPort, ["grpc_listen_port"] = 9095 },
            ["common"] = new Dictionary<string, object>
            {
                ["path_prefix"] = "/var/lib/loki",
                ["replication_factor"] = 1,
                ["ring"] = new Dictionary<string, object> { ["kvstore"] = new Dictionary<string, object> { ["store"] = "inmemory" } },
                ["storage"] = new Dictionary<string, object>
                {
                    ["filesystem"] = new Dictionary<string, object> { ["chunks_directory"] = "/var/lib/loki/chunks", ["rules_directory"] = "/var/lib/loki/rules" },
                },
            },
            ["schema_config"] = new Dictionary<string, object>
            {
                ["configs"] = new List<object>
                {
                    new Dictionary<string, object>
                    {
                        ["from"] = "2024-01-01",
                        ["store"] = "tsdb",
                        ["object_store"] = "filesystem",
                        ["schema"] = "v13",
                        ["index"] = new Dictionary<string, object> { ["prefix"] = "index_", ["period"] = "24h" },
                    },
                },
            },
            ["limits_config"] = new Dictionary<string, object> { ["retention_period"] = "168h", ["reject_old_samples"] = true, ["reject_old_samples_max_age"] = "168h" },
            ["compactor"] = new Dictionary<string, object> { ["working_directory"] = "/var/lib/loki/compactor", ["retention_enabled"] = true, ["delete_request_store"] = "filesystem" },
        };
        var promtail = new Dictionary<string, object>
        {
            ["server"] = new Dictionary<string, object> { ["http_listen_port"] = 9080, ["grpc_listen_port"] = 0 },
            ["positions"] = new Dictionary<string, object> { ["filename"] = "/run/promtail/positions.yaml" },
            ["clients"] = new List<object>
            {
                new Dictionary<string, object>
                {
                    ["url"] = $"{ServiceUrl}/loki/api/v1/push",
                    ["external_labels"] = new Dictionary<string, object> { ["cluster"] = topology.Cluster },
                },
            },
            ["scrape_configs"] = new List<object>
            {
                new Dictionary<string, object>
                {
                    ["job_name"] = "kubernetes-pods",
                    ["kubernetes_sd_configs"] = new List<object> { new Dictionary<string, object> { ["role"] = "pod" } },
                    ["pipeline_stages"] = new List<object> { new Dictionary<string, object> { ["cri"] = new Dictionary<string, object>() } },
                    ["relabel_configs"] = new List<object>
                    {
                        Relabel(["__meta_kubernetes_pod_node_name"], "node"),
                        Relabel(["__meta_kubernetes_namespace"], "namespace"),
                        Relabel(["__meta_kubernetes_pod_name"], "pod"),
                        Relabel(["__meta_kubernetes_pod_container_name"], "container"),
                        new Dictionary<string, object>
                        {
                            ["source_labels"] = new List<object> { "__meta_kubernetes_pod_uid", "__meta_kubernetes_pod_container_name" },
                            ["separator"] = "/",
                            ["replacement"] = "/var/log/pods/*$1/*.log",
                            ["target_label"] = "__path__",
                        },
                    },
                },
            },
        };
        return
        [
            new RenderedConfig("loki/loki.yaml", "# Rendered by kubedos for the Kubernetes reference; not run on this machine.\n" + YamlText.Render(loki)),
            new RenderedConfig("promtail/promtail.yaml", "# Rendered by kubedos for the Kubernetes reference; not run on this machine.\n" + YamlText.Render(promtail)),
        ];
    }

    private static Dictionary<string, object> Relabel(IReadOnlyList<string> sources, string target) => new()
    {
        ["source_labels"] = sources.Select(s => (object)s).ToList(),
        ["target_label"] = target,
    };
}
