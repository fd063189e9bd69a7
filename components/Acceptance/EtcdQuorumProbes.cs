using System.Globalization;
using Kubedos.Components.Kubernetes;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Acceptance;

/// <summary>
/// The <c>etcd-quorum</c> gate. From each member: its member is healthy; a client without a certificate, and one whose
/// certificate another CA signed, are refused by TLS on the client and the peer port. From the first member: every member
/// answers and all name the same leader, one of them; a key written through it is read back through every other member
/// (a serializable read, served from that member's own store). From every node: the next member's client and peer
/// ports are unreachable from its wg1 and wg2 addresses (wg3 is the only way in). From the operator: each member's ports
/// are unreachable on its underlay and control-plane addresses. One node (dev) proves what it can: health, its own
/// leadership, a write read back, the TLS refusals, and the operator's probes.
/// </summary>
/// <remarks>Clients use the health-check pair at kubeadm's paths, installed by the etcd role; nothing here needs the operator to reach wg3.</remarks>
internal static class EtcdQuorumProbes
{
    public const string Gate = "etcd-quorum";

    private static readonly string Ca = KubeadmConfigRenderer.CertificatePath("etcd/ca");

    /// <summary>What <paramref name="self"/> probes (nothing when Kubernetes, and so etcd, is off).</summary>
    public static IReadOnlyList<Probe> ForNode(NormalisedCluster cluster, NormalisedNode self)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(self);
        if (!cluster.Kubernetes.Enabled)
        {
            return [];
        }

        var etcd = EtcdMembership.Of(cluster);
        var probes = new List<Probe>();
        var member = etcd.MemberOn(self.Name);
        if (member is not null)
        {
            probes.Add(new Probe(Gate, self.Name, self.Name, $"member {member.Name} healthy at {member.ClientUrl}", ProbeExpectation.Succeeds,
                $"{Etcdctl(member.ClientUrl)} endpoint health"));
            foreach (var (port, url) in new[] { ("client", member.ClientUrl), ("peer", member.PeerUrl) })
            {
                probes.Add(new Probe(Gate, self.Name, self.Name, $"{port} port {url} refuses a client without a certificate", ProbeExpectation.TlsRefused,
                    $"curl -sS --max-time 5 --cacert {Ca} {url}/health"));
                probes.Add(new Probe(Gate, self.Name, self.Name, $"{port} port {url} refuses a certificate from another CA", ProbeExpectation.TlsRefused,
                    "d=$(mktemp -d) && trap 'rm -rf \"$d\"' EXIT && "
                    + "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=kubedos-foreign -days 1 -keyout \"$d/k\" -out \"$d/c\" >/dev/null 2>&1 && "
                    + $"curl -sS --max-time 5 --cacert {Ca} --cert \"$d/c\" --key \"$d/k\" {url}/health"));
            }

            if (member == etcd.Members[0])
            {
                probes.Add(OneLeader(etcd, self));
                probes.AddRange((etcd.Members.Count == 1 ? etcd.Members : etcd.Members.Skip(1)).Select(other => Replicated(member, other)));
            }
        }

        var index = etcd.Members.ToList().FindIndex(m => m.Name == self.Name);
        var next = etcd.Members[(index + 1) % etcd.Members.Count];
        if (next.Name != self.Name)
        {
            var target = cluster.Node(next.Name);
            foreach (var plane in cluster.Planes.Where(p => p.Name != etcd.Plane.Name))
            {
                var source = self.PlaneAddresses[plane.Name];
                foreach (var port in new[] { EtcdMember.ClientPort, EtcdMember.PeerPort })
                {
                    probes.Add(Unreachable(self.Name, next.Name, $"from {plane.Name} {source}", source.ToString(), next.Address.ToString(), port));
                    probes.Add(Unreachable(self.Name, next.Name, $"within {plane.Name} {source}", source.ToString(), target.PlaneAddresses[plane.Name].ToString(), port));
                }
            }
        }

        return probes;
    }

    /// <summary>What the operator's host probes: each member's etcd ports on its underlay and control-plane addresses.</summary>
    public static IReadOnlyList<Probe> ForOperator(NormalisedCluster cluster, IReadOnlyList<OperatorTarget> nodes)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(nodes);
        if (!cluster.Kubernetes.Enabled)
        {
            return [];
        }

        var etcd = EtcdMembership.Of(cluster);
        var control = cluster.ControlPlane;
        var probes = new List<Probe>();
        foreach (var n in nodes.Where(n => etcd.MemberOn(n.Node.Name) is not null))
        {
            foreach (var port in new[] { EtcdMember.ClientPort, EtcdMember.PeerPort })
            {
                probes.Add(Unreachable(ProbePlan.Operator, n.Node.Name, "on the underlay", null, n.UnderlayAddress, port));
                probes.Add(Unreachable(ProbePlan.Operator, n.Node.Name, $"over {control.Name}", null, n.Node.PlaneAddresses[control.Name].ToString(), port));
            }
        }

        return probes;
    }

    private static Probe OneLeader(EtcdMembership etcd, NormalisedNode self)
    {
        var count = etcd.Members.Count.ToString(CultureInfo.InvariantCulture);
        // Its target is a node (the evidence of every node a probe touches is its trigger); the last member stands for all.
        return new Probe(Gate, self.Name, etcd.Members[^1].Name, $"all {count} members answer and name one leader among them", ProbeExpectation.Succeeds,
            $"out=$({Etcdctl(string.Join(',', etcd.ClientUrls))} endpoint status -w fields) || {{ printf '%s\\n' \"$out\"; exit 1; }}; "
            + "m=$(printf '%s\\n' \"$out\" | awk '$1 == \"\\\"MemberID\\\"\" { print $3 }' | sort -u); "
            + "l=$(printf '%s\\n' \"$out\" | awk '$1 == \"\\\"Leader\\\"\" { print $3 }' | sort -u); "
            + $"echo \"members: $(echo $m) leader: $(echo $l)\"; [ \"$(printf '%s\\n' \"$m\" | wc -l)\" -eq {count} ] && [ \"$(printf '%s\\n' \"$l\" | wc -l)\" -eq 1 ] && printf '%s\\n' \"$m\" | grep -qx \"$l\"");
    }

    private static Probe Replicated(EtcdMember writer, EtcdMember reader) =>
        new(Gate, writer.Name, reader.Name, $"a key written through {writer.Name} is read back through {reader.Name}", ProbeExpectation.Succeeds,
            $"k=kubedos/acceptance/{writer.Name}-{reader.Name}-$(date +%s%N) && v=$(date +%s%N) && {Etcdctl(writer.ClientUrl)} put \"$k\" \"$v\" >/dev/null && "
            + $"n=0; while [ \"$({Etcdctl(reader.ClientUrl)} get --consistency=s --print-value-only \"$k\")\" != \"$v\" ]; do "
            + "n=$((n + 1)); [ \"$n\" -lt 40 ] || { echo \"$k not replicated\"; exit 1; }; sleep 0.25; done; "
            + $"{Etcdctl(writer.ClientUrl)} del \"$k\" >/dev/null; echo \"$k read back after $n retries\"");

    private static Probe Unreachable(string from, string to, string via, string? source, string destination, int port) =>
        new(Gate, from, to, $"etcd port {destination}:{port.ToString(CultureInfo.InvariantCulture)} unreachable {via}", ProbeExpectation.Unreachable,
            $"nc -z -v -n -w 2 {(source is null ? string.Empty : $"-s {source} ")}{destination} {port.ToString(CultureInfo.InvariantCulture)}");

    private static string Etcdctl(string endpoints) => EtcdClientCommand.For(endpoints);
}
