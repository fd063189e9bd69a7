using Kubedos.Components.Acceptance;
using Kubedos.Components.Observability;
using Kubedos.Infra.Tests.Components.Observability;

namespace Kubedos.Infra.Tests.Components.Acceptance;

public sealed class ObservabilityStackProbesTests
{
    private const string Nonce = "0f8fad5b-d9cb-469f-a165-70867728950e";

    [Fact]
    public void ForHub_Lab01_OneTargetProbePerExporterNamingItsNode()
    {
        var topology = ObservedClusters.Topology();

        var probes = ObservabilityStackProbes.ForHub(topology, topology.Hubs[0], []);

        var targets = probes.Where(p => p.What.StartsWith("scrape target node ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["cp-1", "cp-2", "cp-3", "w-1"], targets.Select(p => p.To));
        Assert.Contains("http://10.102.0.11:9090/api/v1/targets?state=active", targets[3].Command, StringComparison.Ordinal);
        Assert.Contains("\"10.102.0.21:9100\"", targets[3].Command, StringComparison.Ordinal);
        Assert.Contains(probes, p => p.What == "Prometheus on cp-1 has exactly 6 active scrape targets");
        Assert.Equal(4, probes.Count(p => p.What.StartsWith("query node_time_seconds", StringComparison.Ordinal)));
        Assert.Contains(probes, p => p.What == $"alerting rule {AlertRulesRenderer.NodeDown} loaded in Prometheus on cp-1");
    }

    [Theory]
    [InlineData("up", 0)]
    [InlineData("down", 1)]
    public void ForHub_TargetProbe_TrustsOnlyAScrapeThatBeganAfterIt(string freshHealth, int expectedExit)
    {
        // Prometheus answers first with the scrape from before the probe (up, as it was before the exporter stopped),
        // then with a scrape that began after it: only the second may decide.
        var topology = ObservedClusters.Topology();
        var probe = ObservabilityStackProbes.ForHub(topology, topology.Hubs[0], []).First(p => p.What.StartsWith("scrape target node ", StringComparison.Ordinal) && p.To == "w-1");
        var bin = Directory.CreateTempSubdirectory("kubedos-probe-").FullName;
        var calls = Path.Combine(bin, "calls");
        const string Target = """{"labels":{"job":"node","instance":"10.102.0.21:9100"},"health":"%s","lastError":"","lastScrape":"%s"}""";
        File.WriteAllText(Path.Combine(bin, "curl"), $$$"""
            #!/bin/sh
            echo x >> '{{{calls}}}'
            if [ "$(wc -l < '{{{calls}}}')" -eq 1 ]; then health=up; at=$(date -u -d '-3 seconds' +%Y-%m-%dT%H:%M:%S.%NZ); else health={{{freshHealth}}}; at=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ); sleep 0.1; fi
            printf '{"data":{"activeTargets":[{{{Target}}}]}}' "$health" "$at"
            """);

        var (exitCode, calledTimes) = RunWithShortPatience(probe.Command, bin, calls);
        Directory.Delete(bin, recursive: true);

        Assert.Equal(expectedExit, exitCode);
        Assert.True(calledTimes >= 2, $"the probe decided on the scrape from before it ({calledTimes} call)");
    }

    [Fact]
    public void ForHub_WithEtcd_ExpectsEveryMemberAndTheQuorumRule()
    {
        var topology = ObservedClusters.Topology(kubernetes: true);

        var probes = ObservabilityStackProbes.ForHub(topology, topology.Hubs[0], []);

        Assert.Equal(3, probes.Count(p => p.What.StartsWith("scrape target etcd ", StringComparison.Ordinal)));
        Assert.Contains(probes, p => p.What.StartsWith($"alerting rule {AlertRulesRenderer.EtcdQuorumLost}", StringComparison.Ordinal));
        Assert.Equal(9, ObservabilityStackProbes.ExpectedTargets(topology).Count);
    }

    [Fact]
    public void ForHub_LogLines_FindEachNodesNonceInItsSendersFile_AndFailForANodeThatSentNone()
    {
        var topology = ObservedClusters.Topology();
        ProbeResult[] sends =
        [
            new(ObservabilityStackProbes.Gate, "cp-2", "cp-1", ObservabilityStackProbes.SendWhat, ProbeExpectation.Succeeds, 0, $"sent {Nonce}", "t0", "t1"),
            new(ObservabilityStackProbes.Gate, "w-1", "cp-1", ObservabilityStackProbes.SendWhat, ProbeExpectation.Succeeds, 1, "logger: socket: No such file", "t0", "t1"),
        ];

        var probes = ObservabilityStackProbes.ForHub(topology, topology.Hubs[0], sends).Where(p => p.What.StartsWith("log line from", StringComparison.Ordinal)).ToList();

        var cp2 = Assert.Single(probes, p => p.To == "cp-2");
        Assert.Contains($"kubedos-log-probe {Nonce} from cp-2", cp2.Command, StringComparison.Ordinal);
        Assert.Contains(ObservabilityLayout.CollectedLog("10.102.0.12"), cp2.Command, StringComparison.Ordinal);
        var w1 = Assert.Single(probes, p => p.To == "w-1");
        Assert.Contains("exit 1", w1.Command, StringComparison.Ordinal);
    }

    [Fact]
    public void ForNode_Peer_ProbesTheHubFromAndOnEveryOtherPlaneAndReachesItOnWg2()
    {
        var cluster = ObservedClusters.Lab01();
        var topology = ObservabilityTopology.Of(cluster);

        var probes = ObservabilityStackProbes.ForNode(cluster, topology, cluster.Node("w-1"));

        Assert.Contains(probes, p => (p.Expect, p.Command) == (ProbeExpectation.Succeeds, "nc -z -v -n -w 2 -s 10.102.0.21 10.102.0.11 9090"));
        Assert.Contains(probes, p => (p.Expect, p.Command) == (ProbeExpectation.Unreachable, "nc -z -v -n -w 2 -s 10.101.0.21 10.102.0.11 9090"));
        Assert.Contains(probes, p => (p.Expect, p.Command) == (ProbeExpectation.Unreachable, "nc -z -v -n -w 2 -s 10.103.0.21 10.102.0.11 6514"));
        Assert.Contains(probes, p => (p.Expect, p.Command) == (ProbeExpectation.Unreachable, "nc -z -v -n -w 2 -s 10.101.0.21 10.101.0.11 9093"));
        Assert.Single(probes, p => p.What == ObservabilityStackProbes.SendWhat);
    }

    [Fact]
    public void ForNode_Hub_ProbesOnlyItsOwnOtherPlaneAddresses()
    {
        var cluster = ObservedClusters.Lab01();

        var probes = ObservabilityStackProbes.ForNode(cluster, ObservabilityTopology.Of(cluster), cluster.Node("cp-1"));

        Assert.DoesNotContain(probes, p => p.Command.EndsWith("-s 10.101.0.11 10.102.0.11 9090", StringComparison.Ordinal));
        Assert.Contains(probes, p => p.Command == "nc -z -v -n -w 2 -s 10.101.0.11 10.101.0.11 9090");
    }

    [Fact]
    public void ForOperator_Hub_UnderlayAndWg1Unreachable()
    {
        var cluster = ObservedClusters.Lab01();
        OperatorTarget[] targets = [new(cluster.Node("cp-1"), "10.250.1.11", "k"), new(cluster.Node("w-1"), "10.250.1.21", "k")];

        var probes = ObservabilityStackProbes.ForOperator(cluster, ObservabilityTopology.Of(cluster), targets);

        Assert.Equal(6, probes.Count);
        Assert.All(probes, p => Assert.Equal(("cp-1", ProbeExpectation.Unreachable), (p.To, p.Expect)));
        Assert.Contains(probes, p => p.Command == "nc -z -v -n -w 2 10.250.1.11 9093");
        Assert.Contains(probes, p => p.Command == "nc -z -v -n -w 2 10.101.0.11 6514");
    }

    [Theory]
    [InlineData(1, "nc: connect to 10.102.0.11 port 9090 (tcp) failed: Connection refused", true)]
    [InlineData(1, "nc: connect to 10.102.0.11 port 9090 (tcp) timed out: Operation now in progress", true)]
    [InlineData(0, "Connection to 10.102.0.11 9090 port [tcp/*] succeeded!", false)]
    public void Unreachable_RefusedOrFiltered_PassesAndAcceptedFails(int exitCode, string saw, bool passed)
    {
        var result = new ProbeResult(ObservabilityStackProbes.Gate, "w-1", "cp-1", "x", ProbeExpectation.Unreachable, exitCode, saw, "t0", "t1");

        Assert.Equal(passed, result.Passed);
    }

    // Runs a hub probe with curl answered by the fake in bin, its patience cut to two seconds so a failing case ends quickly.
    private static (int ExitCode, int Calls) RunWithShortPatience(string command, string bin, string calls)
    {
        var patience = (ObservabilityStackProbes.PatienceSeconds * 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var shortened = command.Replace($"-ge {patience} ]", "-ge 4 ]", StringComparison.Ordinal);
        Assert.NotEqual(command, shortened);
        var fake = $"curl() {{ sh '{Path.Combine(bin, "curl")}' \"$@\"; }}; ";
        var start = new System.Diagnostics.ProcessStartInfo("sh", ["-c", fake + shortened]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, File.ReadAllLines(calls).Length);
    }
}
