using Kubedos.Components.Observability;
using Kubedos.Testing;

namespace Kubedos.Infra.Tests.Components.Observability;

public sealed class AlertRulesRendererTests
{
    [Fact]
    public void Render_WithoutEtcd_HasOnlyTheNodeDownRule()
    {
        var rules = AlertRulesRenderer.Render(ObservedClusters.Topology());

        Assert.Contains(AlertRulesRenderer.NodeDown, rules, StringComparison.Ordinal);
        Assert.DoesNotContain("etcd", rules, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ThreeEtcdMembers_QuorumIsTwo()
    {
        var rules = AlertRulesRenderer.Render(ObservedClusters.Topology(kubernetes: true));

        Assert.Contains("(count(up{job=\"etcd\"} == 1) or vector(0)) < 2", rules, StringComparison.Ordinal);
        Assert.Contains(AlertRulesRenderer.EtcdNoLeader, rules, StringComparison.Ordinal);
    }

    // promtool's unit tests evaluate the rules on synthetic series: a node whose exporter stops is named by the
    // alert after 30 s, one answering never is; two etcd members of three down lose the quorum, one does not.
    [LabFact("promtool")]
    public async Task Render_EvaluatedByPromtoolTestRules_FiresForTheStoppedNodeAndTheLostQuorumOnly()
    {
        var dir = Directory.CreateTempSubdirectory("kubedos-rules-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "rules.yml"), AlertRulesRenderer.Render(ObservedClusters.Topology(kubernetes: true)));
            await File.WriteAllTextAsync(Path.Combine(dir, "test.yml"), """
                rule_files: [rules.yml]
                evaluation_interval: 5s
                tests:
                  - interval: 5s
                    input_series:
                      - series: 'up{job="node",node="w-1",instance="10.102.0.21:9100"}'
                        values: '1 1 0x30'
                      - series: 'up{job="node",node="cp-1",instance="10.102.0.11:9100"}'
                        values: '1x32'
                      - series: 'up{job="etcd",node="cp-1",instance="10.102.0.11:2381"}'
                        values: '1x32'
                      - series: 'up{job="etcd",node="cp-2",instance="10.102.0.12:2381"}'
                        values: '1 0x31'
                      - series: 'up{job="etcd",node="cp-3",instance="10.102.0.13:2381"}'
                        values: '1x32'
                    alert_rule_test:
                      - eval_time: 20s
                        alertname: KubedosNodeDown
                        exp_alerts: []
                      - eval_time: 1m
                        alertname: KubedosNodeDown
                        exp_alerts:
                          - exp_labels: { severity: critical, job: node, node: w-1, instance: "10.102.0.21:9100" }
                            exp_annotations:
                              summary: node w-1 is down
                              description: The node exporter of w-1 (10.102.0.21:9100) has not answered Prometheus for 30s.
                      - eval_time: 1m
                        alertname: KubedosEtcdQuorumLost
                        exp_alerts: []
                  - interval: 5s
                    input_series:
                      - series: 'up{job="etcd",node="cp-1",instance="10.102.0.11:2381"}'
                        values: '1x32'
                      - series: 'up{job="etcd",node="cp-2",instance="10.102.0.12:2381"}'
                        values: '1 0x31'
                      - series: 'up{job="etcd",node="cp-3",instance="10.102.0.13:2381"}'
                        values: '1 0x31'
                    alert_rule_test:
                      - eval_time: 1m
                        alertname: KubedosEtcdQuorumLost
                        exp_alerts:
                          - exp_labels: { severity: critical }
                            exp_annotations:
                              summary: etcd has lost its quorum
                              description: "Fewer than 2 of the 3 etcd members answer: etcd refuses writes until a majority is back."
                """);

            var check = await ToolRun.RunAsync("promtool", "check", "rules", Path.Combine(dir, "rules.yml"));
            var test = await ToolRun.RunAsync("promtool", "test", "rules", Path.Combine(dir, "test.yml"));

            Assert.True(check.ExitCode == 0, check.Output);
            Assert.True(test.ExitCode == 0, test.Output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
