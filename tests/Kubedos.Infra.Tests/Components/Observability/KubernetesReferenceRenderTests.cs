using System.Text.Json;
using Kubedos.Components.Observability;
using YamlDotNet.RepresentationModel;

namespace Kubedos.Infra.Tests.Components.Observability;

/// <summary>Grafana, Loki and promtail are rendered for the Kubernetes reference, not run here: read back, they hold together.</summary>
public sealed class KubernetesReferenceRenderTests
{
    private static YamlMappingNode Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [Fact]
    public void Grafana_Datasources_PointAtEveryHubsPrometheusOnWg2AndAtLoki()
    {
        var files = GrafanaProvisioningRenderer.Render(ObservedClusters.Topology());

        var datasources = ((YamlSequenceNode)Yaml(files.Single(f => f.RelativePath == "grafana/provisioning/datasources/kubedos.yaml").Content)["datasources"])
            .Children.Cast<YamlMappingNode>().ToDictionary(d => d["uid"].ToString(), d => d["url"].ToString(), StringComparer.Ordinal);
        Assert.Equal("http://10.102.0.11:9090", datasources[GrafanaProvisioningRenderer.PrometheusUid]);
        Assert.Equal(LokiConfigRenderer.ServiceUrl, datasources[GrafanaProvisioningRenderer.LokiUid]);
    }

    [Fact]
    public void Grafana_Dashboards_AreJsonWhosePanelsNameProvisionedDatasources()
    {
        var files = GrafanaProvisioningRenderer.Render(ObservedClusters.Topology(kubernetes: true));
        var provisioned = ((YamlSequenceNode)Yaml(files.Single(f => f.RelativePath.EndsWith("datasources/kubedos.yaml", StringComparison.Ordinal)).Content)["datasources"])
            .Children.Cast<YamlMappingNode>().Select(d => d["uid"].ToString()).ToHashSet(StringComparer.Ordinal);

        var dashboards = files.Where(f => f.RelativePath.StartsWith("grafana/dashboards/", StringComparison.Ordinal)).ToList();

        Assert.Equal(["grafana/dashboards/kubedos-etcd.json", "grafana/dashboards/kubedos-logs.json", "grafana/dashboards/kubedos-nodes.json"],
            dashboards.Select(d => d.RelativePath).Order(StringComparer.Ordinal));
        foreach (var dashboard in dashboards)
        {
            using var json = JsonDocument.Parse(dashboard.Content);
            var panels = json.RootElement.GetProperty("panels").EnumerateArray().ToList();
            Assert.NotEmpty(panels);
            Assert.All(panels, p => Assert.Contains(p.GetProperty("datasource").GetProperty("uid").GetString() ?? string.Empty, provisioned));
            Assert.All(panels, p => Assert.All(p.GetProperty("targets").EnumerateArray(), t => Assert.False(string.IsNullOrEmpty(t.GetProperty("expr").GetString()))));
        }
    }

    [Fact]
    public void Grafana_DashboardProvider_ReadsTheDirectoryTheDashboardsGoTo()
    {
        var provider = GrafanaProvisioningRenderer.Render(ObservedClusters.Topology()).Single(f => f.RelativePath == "grafana/provisioning/dashboards/kubedos.yaml");

        var options = (YamlMappingNode)((YamlMappingNode)((YamlSequenceNode)Yaml(provider.Content)["providers"]).Children[0])["options"];
        Assert.Equal(GrafanaProvisioningRenderer.DashboardsPath, options["path"].ToString());
    }

    [Fact]
    public void Loki_AndPromtail_PromtailPushesToTheLokiPortTheSpecAllows()
    {
        var files = LokiConfigRenderer.Render(ObservedClusters.Topology());

        var loki = Yaml(files.Single(f => f.RelativePath == "loki/loki.yaml").Content);
        var promtail = Yaml(files.Single(f => f.RelativePath == "promtail/promtail.yaml").Content);
        var port = ((YamlMappingNode)loki["server"])["http_listen_port"].ToString();
        var push = ((YamlMappingNode)((YamlSequenceNode)promtail["clients"]).Children[0])["url"].ToString();
        Assert.Equal("3100", port);
        Assert.Equal($"http://loki.kubedos-observability.svc:{port}/loki/api/v1/push", push);
        Assert.Contains(LabSpecs.Lab01.PlanePolicy.Allow, r => r.Ports.Any(p => p.Protocol == "tcp" && p.Contains(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal("filesystem", ((YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)loki["schema_config"])["configs"]).Children[0])["object_store"].ToString());
    }

    [Fact]
    public void Files_RenderedNotRun_CarryTheNotice()
    {
        Assert.All(LokiConfigRenderer.Render(ObservedClusters.Topology()), f => Assert.StartsWith("# Rendered by kubedos for the Kubernetes reference; not run on this machine.", f.Content, StringComparison.Ordinal));
    }
}
