using System.Globalization;
using System.Text.RegularExpressions;
using Kubedos.Components.Observability;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Acceptance;

/// <summary>
/// What the <c>observability-stack</c> gate tries. On each observability node (hub): every scrape target Prometheus
/// should have is active and up in its HTTP API (a stopped node exporter fails naming its node), a query returns a
/// value for every node, the alerting rules are loaded and Alertmanager is known and healthy; a log line each node
/// sent through its forwarder is found at the collector, filed under that node's bind-plane address. From every node
/// and from the operator: Prometheus, Alertmanager and the collector answer on the bind plane and nowhere else
/// (not from another plane's address, not on another plane's address, not on the underlay).
/// </summary>
internal static partial class ObservabilityStackProbes
{
    public const string Gate = "observability-stack";

    /// <summary>What the log-line probe is called; the hub's probes find its nonce in its output.</summary>
    public const string SendWhat = "log line sent through the forwarder";

    /// <summary>How long a hub's probe waits for Prometheus to see a target up, a value, or the collector to file a line.</summary>
    public const int PatienceSeconds = 30;

    private static readonly (string Service, int Port)[] Services =
    [
        ("Prometheus", ObservabilityLayout.PrometheusPort),
        ("Alertmanager", ObservabilityLayout.AlertmanagerPort),
        ("the log collector", ObservabilityLayout.LogCollectorPort),
    ];

    /// <summary>From <paramref name="self"/>: a log line through its forwarder, and every hub's services probed from and on the other planes.</summary>
    public static IReadOnlyList<Probe> ForNode(NormalisedCluster cluster, ObservabilityTopology topology, NormalisedNode self)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(self);
        var probes = new List<Probe>
        {
            new(Gate, self.Name, string.Join(",", topology.Hubs.Select(h => h.Name)), SendWhat, ProbeExpectation.Succeeds,
                "n=$(cat /proc/sys/kernel/random/uuid) && "
                + $"logger -u {ObservabilityLayout.ForwarderSocket} -t kubedos-acceptance \"kubedos-log-probe $n from {self.Name}\" && printf 'sent %s\\n' \"$n\""),
        };
        var bind = topology.BindPlane;
        var others = cluster.Planes.Where(p => p.Name != bind).Select(p => p.Name).ToList();
        foreach (var hub in topology.Hubs)
        {
            var hubNode = cluster.Node(hub.Name);
            foreach (var (service, port) in Services)
            {
                probes.Add(Tcp(self, hub, $"{service} over {bind}", self.PlaneAddresses[bind].ToString(), hub.Address, port, ProbeExpectation.Succeeds));
                foreach (var plane in others)
                {
                    // A node's own addresses are local to each other, whatever the plane: only a peer proves the plane policy.
                    if (self.Name != hub.Name)
                    {
                        probes.Add(Tcp(self, hub, $"{service} from {plane}", self.PlaneAddresses[plane].ToString(), hub.Address, port, ProbeExpectation.Unreachable));
                    }

                    probes.Add(Tcp(self, hub, $"{service} on {plane}", self.PlaneAddresses[plane].ToString(), hubNode.PlaneAddresses[plane].ToString(), port, ProbeExpectation.Unreachable));
                }
            }
        }

        return probes;
    }

    /// <summary>From the operator's host: every hub's services unreachable on the underlay and over the operator's control-plane peer.</summary>
    public static IReadOnlyList<Probe> ForOperator(NormalisedCluster cluster, ObservabilityTopology topology, IReadOnlyList<OperatorTarget> nodes)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(nodes);
        var control = cluster.ControlPlane.Name;
        var probes = new List<Probe>();
        foreach (var target in nodes.Where(n => topology.IsHub(n.Node.Name)))
        {
            foreach (var (service, port) in Services)
            {
                var p = port.ToString(CultureInfo.InvariantCulture);
                probes.Add(new Probe(Gate, ProbePlan.Operator, target.Node.Name, $"{service} on the underlay {target.UnderlayAddress}:{p}", ProbeExpectation.Unreachable,
                    $"nc -z -v -n -w 2 {target.UnderlayAddress} {p}"));
                if (control != topology.BindPlane)
                {
                    var address = target.Node.PlaneAddresses[control].ToString();
                    probes.Add(new Probe(Gate, ProbePlan.Operator, target.Node.Name, $"{service} on {control} {address}:{p}", ProbeExpectation.Unreachable,
                        $"nc -z -v -n -w 2 {address} {p}"));
                }
            }
        }

        return probes;
    }

    /// <summary>
    /// On <paramref name="hub"/>: Prometheus's targets, a value per node, the rules, Alertmanager; and each node's log line,
    /// by the nonce its send printed. A target counts as up only from a scrape that began after its probe did: Prometheus
    /// keeps a target's health until its next scrape, so an exporter stopped a moment ago reads "up" for up to one interval.
    /// </summary>
    public static IReadOnlyList<Probe> ForHub(ObservabilityTopology topology, ObservedNode hub, IReadOnlyList<ProbeResult> sends)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(sends);
        var api = $"http://{ObservabilityLayout.Endpoint(hub.Address, ObservabilityLayout.PrometheusPort)}/api/v1";
        var probes = new List<Probe>();
        var targets = ExpectedTargets(topology);
        foreach (var (job, node, instance) in targets)
        {
            var select = $"[.data.activeTargets[] | select(.labels.job == \"{job}\" and .labels.instance == \"{instance}\")]";
            probes.Add(new Probe(Gate, hub.Name, node, $"scrape target {job} {instance} of {node} up in Prometheus on {hub.Name}", ProbeExpectation.Succeeds,
                "t0=$(date +%s%N); " + Patiently(
                    $"ls=$(curl -sf {api}/targets?state=active | jq -r '{select} | select(length == 1 and .[0].health == \"up\") | .[0].lastScrape') && [ -n \"$ls\" ] && [ \"$(date -d \"$ls\" +%s%N)\" -gt \"$t0\" ]",
                    $"curl -sS {api}/targets?state=active | jq -c '{select} | map({{health, lastError, lastScrape}})'")));
        }

        probes.Add(new Probe(Gate, hub.Name, hub.Name, $"Prometheus on {hub.Name} has exactly {targets.Count.ToString(CultureInfo.InvariantCulture)} active scrape targets", ProbeExpectation.Succeeds,
            $"curl -sS {api}/targets?state=active | jq -e '.data.activeTargets | length == {targets.Count.ToString(CultureInfo.InvariantCulture)}'"));
        foreach (var node in topology.Nodes)
        {
            var query = $"node_time_seconds{{node=\"{node.Name}\"}}";
            probes.Add(new Probe(Gate, hub.Name, node.Name, $"query {query} returns a value on {hub.Name}", ProbeExpectation.Succeeds,
                Patiently($"curl -sf --get --data-urlencode {ProbeScriptRenderer.Quote("query=" + query)} {api}/query | jq -e '.data.result | length == 1 and (.[0].value[1] | tonumber) > 0' >/dev/null",
                    $"curl -sS --get --data-urlencode {ProbeScriptRenderer.Quote("query=" + query)} {api}/query")));
        }

        var rules = topology.EtcdMembers.Count > 0
            ? new[] { AlertRulesRenderer.NodeDown, AlertRulesRenderer.EtcdQuorumLost, AlertRulesRenderer.EtcdNoLeader }
            : [AlertRulesRenderer.NodeDown];
        foreach (var rule in rules)
        {
            probes.Add(new Probe(Gate, hub.Name, hub.Name, $"alerting rule {rule} loaded in Prometheus on {hub.Name}", ProbeExpectation.Succeeds,
                $"curl -sS {api}/rules | jq -e '[.data.groups[].rules[] | select(.type == \"alerting\" and .name == \"{rule}\")] | length == 1'"));
        }

        probes.Add(new Probe(Gate, hub.Name, hub.Name, $"Prometheus on {hub.Name} sends alerts to {topology.Hubs.Count.ToString(CultureInfo.InvariantCulture)} Alertmanager(s)", ProbeExpectation.Succeeds,
            Patiently($"curl -sf {api}/alertmanagers | jq -e '.data.activeAlertmanagers | length == {topology.Hubs.Count.ToString(CultureInfo.InvariantCulture)}' >/dev/null",
                $"curl -sS {api}/alertmanagers")));
        probes.Add(new Probe(Gate, hub.Name, hub.Name, $"Alertmanager healthy on {hub.Name}", ProbeExpectation.Succeeds,
            $"curl -sS -f http://{ObservabilityLayout.Endpoint(hub.Address, ObservabilityLayout.AlertmanagerPort)}/-/healthy"));

        foreach (var node in topology.Nodes)
        {
            var file = ObservabilityLayout.CollectedLog(node.Address);
            var nonce = sends.Where(s => s.Gate == Gate && s.From == node.Name && s.What == SendWhat && s.Passed).Select(s => Nonce().Match(s.Saw)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            var what = $"log line from {node.Name} found at the collector on {hub.Name} ({file})";
            probes.Add(nonce is null
                ? new Probe(Gate, hub.Name, node.Name, what, ProbeExpectation.Succeeds, $"echo '{node.Name} sent no log line'; exit 1")
                : new Probe(Gate, hub.Name, node.Name, what, ProbeExpectation.Succeeds,
                    Patiently($"grep -qF 'kubedos-log-probe {nonce} from {node.Name}' {file}", $"tail -n 3 {file}") + $" && grep -F '{nonce}' {file}"));
        }

        return probes;
    }

    /// <summary>Every (job, node, instance) Prometheus must have: node exporters everywhere, Prometheus and Alertmanager on the hubs, etcd members.</summary>
    public static IReadOnlyList<(string Job, string Node, string Instance)> ExpectedTargets(ObservabilityTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return
        [
            .. topology.Nodes.Select(n => (PrometheusConfigRenderer.NodeJob, n.Name, ObservabilityLayout.Endpoint(n.Address, ObservabilityLayout.NodeExporterPort))),
            .. topology.Hubs.Select(n => (PrometheusConfigRenderer.PrometheusJob, n.Name, ObservabilityLayout.Endpoint(n.Address, ObservabilityLayout.PrometheusPort))),
            .. topology.Hubs.Select(n => (PrometheusConfigRenderer.AlertmanagerJob, n.Name, ObservabilityLayout.Endpoint(n.Address, ObservabilityLayout.AlertmanagerPort))),
            .. topology.EtcdMembers.Select(n => (PrometheusConfigRenderer.EtcdJob, n.Name, ObservabilityLayout.Endpoint(n.Address, ObservabilityLayout.EtcdMetricsPort))),
        ];
    }

    // Retries the check every half second for PatienceSeconds; on giving up prints what it last saw and fails.
    private static string Patiently(string check, string show) =>
        $"i=0; until {check}; do i=$((i + 1)); if [ \"$i\" -ge {(PatienceSeconds * 2).ToString(CultureInfo.InvariantCulture)} ]; then {show}; exit 1; fi; sleep 0.5; done";

    private static Probe Tcp(NormalisedNode self, ObservedNode hub, string what, string source, string destination, int port, ProbeExpectation expect)
    {
        var p = port.ToString(CultureInfo.InvariantCulture);
        return new Probe(Gate, self.Name, hub.Name, $"{what}: {source} -> {destination}:{p}", expect, $"nc -z -v -n -w 2 -s {source} {destination} {p}");
    }

    [GeneratedRegex(@"sent ([0-9a-f-]{36})", RegexOptions.CultureInvariant)]
    private static partial Regex Nonce();
}
