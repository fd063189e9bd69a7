using Kubedos.Components.Observability;
using Kubedos.Testing;
using YamlDotNet.RepresentationModel;

namespace Kubedos.Infra.Tests.Components.Observability;

public sealed class PrometheusConfigRendererTests
{
    private static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IEnumerable<YamlMappingNode> Jobs(YamlMappingNode config) =>
        ((YamlSequenceNode)config["scrape_configs"]).Children.Cast<YamlMappingNode>();

    private static List<string> Targets(YamlMappingNode job) =>
        [.. ((YamlSequenceNode)job["static_configs"]).Children.Cast<YamlMappingNode>().SelectMany(c => ((YamlSequenceNode)c["targets"]).Children.Select(t => t.ToString()))];

    [Fact]
    public void Render_Lab01_ScrapesEveryNodeExporterOnWg2AndAlertsThroughTheHub()
    {
        var config = Parse(PrometheusConfigRenderer.Render(ObservedClusters.Topology()));

        var jobs = Jobs(config).ToDictionary(j => j["job_name"].ToString(), StringComparer.Ordinal);
        Assert.Equal(["alertmanager", "node", "prometheus"], jobs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["10.102.0.11:9100", "10.102.0.12:9100", "10.102.0.13:9100", "10.102.0.21:9100"], Targets(jobs["node"]));
        Assert.Equal(["10.102.0.11:9090"], Targets(jobs["prometheus"]));
        var alerting = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)config["alerting"])["alertmanagers"]).Children[0];
        Assert.Equal(["10.102.0.11:9093"], Targets(alerting));
        Assert.Equal(PrometheusConfigRenderer.RulesPath, ((YamlSequenceNode)config["rule_files"]).Children[0].ToString());
        var labels = (YamlMappingNode)((YamlMappingNode)((YamlSequenceNode)jobs["node"]["static_configs"]).Children[3])["labels"];
        Assert.Equal("w-1", labels["node"].ToString());
    }

    [Fact]
    public void Render_WithEtcdMembers_AddsAnHttpsJobWithTheClientCertificate()
    {
        var config = Parse(PrometheusConfigRenderer.Render(ObservedClusters.Topology(kubernetes: true)));

        var etcd = Assert.Single(Jobs(config), j => j["job_name"].ToString() == "etcd");
        Assert.Equal("https", etcd["scheme"].ToString());
        Assert.Equal(["10.102.0.11:2381", "10.102.0.12:2381", "10.102.0.13:2381"], Targets(etcd));
        var tls = (YamlMappingNode)etcd["tls_config"];
        Assert.Equal(PrometheusConfigRenderer.EtcdCertPath, tls["cert_file"].ToString());
        Assert.Equal(PrometheusConfigRenderer.EtcdKeyPath, tls["key_file"].ToString());
    }

    [Fact]
    public void Render_WithoutEtcdMembers_HasNoEtcdJob()
    {
        Assert.DoesNotContain("etcd", PrometheusConfigRenderer.Render(ObservedClusters.Topology(kubernetes: false)), StringComparison.Ordinal);
    }

    [LabFact("promtool", "openssl")]
    public async Task Render_CheckedByPromtool_ConfigAndRulesAreValid()
    {
        var dir = Directory.CreateTempSubdirectory("kubedos-prometheus-").FullName;
        try
        {
            var topology = ObservedClusters.Topology(kubernetes: true);
            var rules = Path.Combine(dir, "rules.yml");
            await File.WriteAllTextAsync(rules, AlertRulesRenderer.Render(topology));
            var (code, output) = OpenSsl.Run(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "key.pem", "-out", "cert.pem", "-subj", "/CN=prometheus", "-days", "1");
            Assert.True(code == 0, output);
            var config = PrometheusConfigRenderer.Render(topology)
                .Replace(PrometheusConfigRenderer.RulesPath, rules, StringComparison.Ordinal)
                .Replace(PrometheusConfigRenderer.EtcdCaPath, Path.Combine(dir, "cert.pem"), StringComparison.Ordinal)
                .Replace(PrometheusConfigRenderer.EtcdCertPath, Path.Combine(dir, "cert.pem"), StringComparison.Ordinal)
                .Replace(PrometheusConfigRenderer.EtcdKeyPath, Path.Combine(dir, "key.pem"), StringComparison.Ordinal);
            var path = Path.Combine(dir, "prometheus.yml");
            await File.WriteAllTextAsync(path, config);

            var check = await ToolRun.RunAsync("promtool", "check", "config", path);

            Assert.True(check.ExitCode == 0, check.Output);
            Assert.Contains("3 rules found", check.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
