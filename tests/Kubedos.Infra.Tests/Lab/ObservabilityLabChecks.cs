using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Kubedos.Infra.Tests.Lab;

/// <summary>
/// The observability stack for real on a lab-01 that converged it (node exporters, Prometheus, Alertmanager and the
/// rsyslog log plane on wg2): the <c>observability-stack</c> gate passed with its evidence in the report, and a node
/// exporter stopped by hand fails it naming its node. <see cref="ConvergeLabTests"/> runs both on its lab (a lab up from
/// nothing with converge is most of a lab test's time, and CI's is bounded); the roles' idempotence is its forced re-converge.
/// </summary>
internal static class ObservabilityLabChecks
{
    public const string Gate = "observability-stack";

    /// <summary>The last acceptance report's gate: passed, every node scraped and heard at the collector, the rules and the plane's refusals.</summary>
    public static void GatePassedWithEvidence(LabProject project)
    {
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
    }

    /// <summary>w-1's node exporter stopped by hand: <c>kubedos acceptance</c> fails, and every failed probe of the gate is about w-1.</summary>
    public static async Task StoppedNodeExporterFailsTheGateNamingItsNodeAsync(LabProject project, ITestOutputHelper output)
    {
        var w1 = await ConvergeLabTests.NodeAsync(project, "w-1");
        await w1.ExecCheckedAsync(CancellationToken.None, "sv", "-w", "10", "-v", "down", "/etc/service/node-exporter");
        var (exitCode, printed) = project.RunCli("acceptance", "--stack", project.Stack);

        Assert.Equal(1, exitCode);
        Assert.Contains(printed.Split('\n'), l => l.Contains($"{Gate}: cp-1 -> w-1: scrape target node", StringComparison.Ordinal));
        var failed = GateOf(project);
        Assert.False(failed["passed"]!.GetValue<bool>());
        var failures = failed["probes"]!.AsArray().Select(p => p!.AsObject()).Where(p => !p["passed"]!.GetValue<bool>()).ToList();
        Assert.NotEmpty(failures);
        Assert.All(failures, p => Assert.Equal("w-1", (string?)p["to"]));
        output.WriteLine($"failed observability probes with w-1's exporter down: {failures.Count}");
    }

    private static JsonObject GateOf(LabProject project)
    {
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(project.OutDirectory, "recovery-bundle", "acceptance-report.json")))!;
        return report["gates"]!.AsArray().Select(g => g!.AsObject()).Single(g => (string?)g["gate"] == Gate);
    }
}
