using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubedos.Components.Observability;

/// <summary>
/// Grafana for the Kubernetes reference, rendered only (Grafana is not obtainable on this machine, so nothing runs it
/// here): datasource provisioning for every Prometheus of the stack (and Loki when the spec renders it), a dashboard
/// provider, and the dashboards as JSON files whose panels name those datasources by uid.
/// </summary>
internal static class GrafanaProvisioningRenderer
{
    public const string PrometheusUid = "kubedos-prometheus";

    public const string LokiUid = "kubedos-loki";

    /// <summary>Where the provider tells Grafana to read the dashboards (the directory the Kubernetes reference mounts them at).</summary>
    public const string DashboardsPath = "/var/lib/grafana/dashboards/kubedos";

    public static IReadOnlyList<RenderedConfig> Render(ObservabilityTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var datasources = new List<object>();
        for (var i = 0; i < topology.Hubs.Count; i++)
        {
            var hub = topology.Hubs[i];
            datasources.Add(new Dictionary<string, object>
            {
                ["name"] = i == 0 ? "Prometheus" : $"Prometheus ({hub.Name})",
                ["uid"] = i == 0 ? PrometheusUid : $"{PrometheusUid}-{hub.Name}",
                ["type"] = "prometheus",
                ["access"] = "proxy",
                ["url"] = $"http://{ObservabilityLayout.Endpoint(hub.Address, ObservabilityLayout.PrometheusPort)}",
                ["isDefault"] = i == 0,
                ["editable"] = false,
            });
        }

        if (topology.Stack.Loki)
        {
            datasources.Add(new Dictionary<string, object>
            {
                ["name"] = "Loki",
                ["uid"] = LokiUid,
                ["type"] = "loki",
                ["access"] = "proxy",
                ["url"] = LokiConfigRenderer.ServiceUrl,
                ["isDefault"] = false,
                ["editable"] = false,
            });
        }

        var files = new List<RenderedConfig>
        {
            new("grafana/provisioning/datasources/kubedos.yaml", YamlText.Render(new Dictionary<string, object> { ["apiVersion"] = 1, ["datasources"] = datasources })),
            new("grafana/provisioning/dashboards/kubedos.yaml", YamlText.Render(new Dictionary<string, object>
            {
                ["apiVersion"] = 1,
                ["providers"] = new List<object>
                {
                    new Dictionary<string, object>
                    {
                        ["name"] = "kubedos",
                        ["folder"] = "Kubedos",
                        ["type"] = "file",
                        ["disableDeletion"] = true,
                        ["allowUiUpdates"] = false,
                        ["options"] = new Dictionary<string, object> { ["path"] = DashboardsPath },
                    },
                },
            })),
            new("grafana/dashboards/kubedos-nodes.json", Dashboard("kubedos-nodes", $"{topology.Cluster}: nodes",
            [
                ("Nodes up", $"up{{job=\"{PrometheusConfigRenderer.NodeJob}\"}}"),
                ("Load (1 min)", "node_load1"),
                ("Memory available", "node_memory_MemAvailable_bytes"),
                ("Network received on the bind plane", "rate(node_network_receive_bytes_total{device=\"" + topology.BindPlane + "\"}[1m])"),
            ])),
        };
        if (topology.EtcdMembers.Count > 0)
        {
            files.Add(new RenderedConfig("grafana/dashboards/kubedos-etcd.json", Dashboard("kubedos-etcd", $"{topology.Cluster}: etcd",
            [
                ("Members up", $"up{{job=\"{PrometheusConfigRenderer.EtcdJob}\"}}"),
                ("Has leader", "etcd_server_has_leader"),
                ("Leader changes", "increase(etcd_server_leader_changes_seen_total[10m])"),
                ("Database size", "etcd_mvcc_db_total_size_in_bytes"),
            ])));
        }

        if (topology.Stack.Loki)
        {
            files.Add(new RenderedConfig("grafana/dashboards/kubedos-logs.json", LogsDashboard(topology)));
        }

        return files;
    }

    private static string Dashboard(string uid, string title, IReadOnlyList<(string Title, string Expression)> panels)
    {
        var array = new JsonArray();
        for (var i = 0; i < panels.Count; i++)
        {
            array.Add(new JsonObject
            {
                ["id"] = i + 1,
                ["type"] = "timeseries",
                ["title"] = panels[i].Title,
                ["datasource"] = new JsonObject { ["type"] = "prometheus", ["uid"] = PrometheusUid },
                ["gridPos"] = new JsonObject { ["h"] = 8, ["w"] = 12, ["x"] = (i % 2) * 12, ["y"] = (i / 2) * 8 },
                ["targets"] = new JsonArray(new JsonObject
                {
                    ["refId"] = "A",
                    ["datasource"] = new JsonObject { ["type"] = "prometheus", ["uid"] = PrometheusUid },
                    ["expr"] = panels[i].Expression,
                    ["legendFormat"] = "{{node}}",
                }),
            });
        }

        return Document(uid, title, array);
    }

    private static string LogsDashboard(ObservabilityTopology topology)
    {
        var panel = new JsonObject
        {
            ["id"] = 1,
            ["type"] = "logs",
            ["title"] = "Service logs",
            ["datasource"] = new JsonObject { ["type"] = "loki", ["uid"] = LokiUid },
            ["gridPos"] = new JsonObject { ["h"] = 16, ["w"] = 24, ["x"] = 0, ["y"] = 0 },
            ["targets"] = new JsonArray(new JsonObject
            {
                ["refId"] = "A",
                ["datasource"] = new JsonObject { ["type"] = "loki", ["uid"] = LokiUid },
                ["expr"] = $"{{cluster=\"{topology.Cluster}\"}}",
            }),
        };
        return Document("kubedos-logs", $"{topology.Cluster}: logs", new JsonArray(panel));
    }

    private static string Document(string uid, string title, JsonArray panels) => new JsonObject
    {
        ["uid"] = uid,
        ["title"] = title,
        ["tags"] = new JsonArray("kubedos"),
        ["schemaVersion"] = 39,
        ["version"] = 1,
        ["editable"] = false,
        ["refresh"] = string.Create(CultureInfo.InvariantCulture, $"{ObservabilityLayout.ScrapeIntervalSeconds * 6}s"),
        ["time"] = new JsonObject { ["from"] = "now-1h", ["to"] = "now" },
        ["panels"] = panels,
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
}
