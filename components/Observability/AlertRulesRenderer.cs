using System.Globalization;

namespace Kubedos.Components.Observability;

/// <summary>
/// The alerting rules Prometheus loads: a node whose exporter stops answering, and (with etcd members) etcd losing
/// its quorum or a member losing its leader. A pure function of the topology; <c>promtool check rules</c> and
/// <c>promtool test rules</c> hold it in the tests.
/// </summary>
internal static class AlertRulesRenderer
{
    public const string NodeDown = "KubedosNodeDown";

    public const string EtcdQuorumLost = "KubedosEtcdQuorumLost";

    public const string EtcdNoLeader = "KubedosEtcdNoLeader";

    /// <summary>How long a condition holds before its alert fires.</summary>
    public const string For = "30s";

    public static string Render(ObservabilityTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var groups = new List<object>
        {
            Group("kubedos-nodes", Rule(
                NodeDown,
                $"up{{job=\"{PrometheusConfigRenderer.NodeJob}\"}} == 0",
                "critical",
                "node {{ $labels.node }} is down",
                "The node exporter of {{ $labels.node }} ({{ $labels.instance }}) has not answered Prometheus for " + For + ".")),
        };
        if (topology.EtcdMembers.Count > 0)
        {
            var quorum = topology.EtcdQuorum.ToString(CultureInfo.InvariantCulture);
            var members = topology.EtcdMembers.Count.ToString(CultureInfo.InvariantCulture);
            groups.Add(Group(
                "kubedos-etcd",
                Rule(
                    EtcdQuorumLost,
                    $"(count(up{{job=\"{PrometheusConfigRenderer.EtcdJob}\"}} == 1) or vector(0)) < {quorum}",
                    "critical",
                    "etcd has lost its quorum",
                    $"Fewer than {quorum} of the {members} etcd members answer: etcd refuses writes until a majority is back."),
                Rule(
                    EtcdNoLeader,
                    $"etcd_server_has_leader{{job=\"{PrometheusConfigRenderer.EtcdJob}\"}} == 0",
                    "critical",
                    "etcd member {{ $labels.node }} has no leader",
                    "The etcd member on {{ $labels.node }} sees no leader.")));
        }

        return "# Rendered by kubedos (components/Observability).\n" + YamlText.Render(new Dictionary<string, object> { ["groups"] = groups });
    }

    private static Dictionary<string, object> Group(string name, params object[] rules) => new()
    {
        ["name"] = name,
        ["rules"] = rules.ToList(),
    };

    private static Dictionary<string, object> Rule(string alert, string expression, string severity, string summary, string description) => new()
    {
        ["alert"] = alert,
        ["expr"] = expression,
        ["for"] = For,
        ["labels"] = new Dictionary<string, object> { ["severity"] = severity },
        ["annotations"] = new Dictionary<string, object> { ["summary"] = summary, ["description"] = description },
    };
}
