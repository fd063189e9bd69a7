using System.Text.Json.Nodes;
using Kubedos.Engine.Automation;
using Kubedos.Testing;
using Xunit.Abstractions;

namespace Kubedos.Infra.Tests.Lab;

/// <summary>
/// The observability stack for real on lab-01: converge puts node exporters, Prometheus, Alertmanager and the rsyslog
/// log plane on wg2, the <c>observability-stack</c> gate passes with its evidence in the report, a second converge changes
/// nothing, and a node exporter stopped by hand fails the gate naming its node.
/// </summary>
[Collection(nameof(LabCollection))]
public sealed class ObservabilityLabTests(ITestOutputHelper output)
{
    private const string Gate = "observability-stack";

    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "nc", "ping", "ansible-playbook", "runsvdir", "sv", "sudo",
        "prometheus", "promtool", "prometheus-node-exporter", "prometheus-alertmanager", "amtool", "rsyslogd", "curl", "jq", "logger")]
    public async Task Up_Lab01_ObservabilityGatePasses_AndAStoppedNodeExporterFailsItNamingTheNode()
    {
        await using var project = LabProject.Create("lab-01", "lab-01.yaml");

        var (first, upWall) = await project.UpAsync();

        Assert.Equal("passed", first.Outputs["acceptance"].Value.AsString());
        var gate = GateOf(project);
        Assert.True(gate["passed"]!.GetValue<bool>(), gate.ToJsonString());
        var probes = gate["probes"]!.AsArray().Select(p => p!.AsObject()).ToList();
        foreach (var node in new[] { "cp-1", "cp-2", "cp-3", "w-1" })
        {
            Assert.Contains(probes, p => (string?)p["to"] == node && ((string?)p["tried"])!.StartsWith($"scrape target node ", StringComparison.Ordinal));
            Assert.Contains(probes, p => (string?)p["to"] == node && ((string?)p["tried"])!.StartsWith($"log line from {node} found at the collector", StringComparison.Ordinal));
            Assert.Contains(probes, p => (string?)p["from"] == node && (string?)p["tried"] == Kubedos.Components.Acceptance.ObservabilityStackProbes.SendWhat);
        }

        Assert.Contains(probes, p => ((string?)p["tried"])!.StartsWith("alerting rule KubedosNodeDown loaded", StringComparison.Ordinal));
        Assert.Contains(probes, p => (string?)p["from"] == "operator" && ((string?)p["tried"])!.StartsWith("Prometheus on the underlay", StringComparison.Ordinal));
        Assert.Contains(probes, p => (string?)p["from"] == "w-1" && ((string?)p["tried"])!.StartsWith("Prometheus from wg1", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(project.OutDirectory, "observability", "kubernetes", "grafana", "provisioning", "datasources", "kubedos.yaml")));

        // The roles are idempotent: a forced re-converge changes nothing on any host.
        var stack = await project.StackAsync();
        var again = await stack.UpAsync(new UpdateOptions { Replace = [await ConvergeLabTests.PlaybookUrnAsync(project)] });
        Assert.True(again.Summary.Succeeded);
        var recap = await ConvergeLabTests.RecapAsync(project);
        Assert.All(recap, h => Assert.True(h.Value["changed"] == 0 && h.Value["failures"] == 0,
            $"second converge of {h.Key}: {string.Join(' ', h.Value.Select(c => $"{c.Key}={c.Value}"))}"));

        // A node exporter stopped by hand: the gate fails, naming the node.
        var w1 = await ConvergeLabTests.NodeAsync(project, "w-1");
        await w1.ExecCheckedAsync(CancellationToken.None, "sv", "down", "/etc/service/node-exporter");
        var (exitCode, printed) = project.RunCli("acceptance", "--stack", project.Stack);

        Assert.Equal(1, exitCode);
        Assert.Contains(printed.Split('\n'), l => l.Contains($"{Gate}: cp-1 -> w-1: scrape target node", StringComparison.Ordinal));
        var failed = GateOf(project);
        Assert.False(failed["passed"]!.GetValue<bool>());
        var failures = failed["probes"]!.AsArray().Select(p => p!.AsObject()).Where(p => !p["passed"]!.GetValue<bool>()).ToList();
        Assert.NotEmpty(failures);
        Assert.All(failures, p => Assert.Equal("w-1", (string?)p["to"]));
        output.WriteLine($"lab-01 up with observability: {upWall.TotalSeconds:0.0} s; failed probes with w-1's exporter down: {failures.Count}");

        await project.DestroyAsync();
        Assert.Equal(string.Empty, await project.LeftoversAsync());
    }

    private static JsonObject GateOf(LabProject project)
    {
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(project.OutDirectory, "recovery-bundle", "acceptance-report.json")))!;
        return report["gates"]!.AsArray().Select(g => g!.AsObject()).Single(g => (string?)g["gate"] == Gate);
    }
}
