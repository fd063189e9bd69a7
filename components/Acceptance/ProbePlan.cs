using System.Globalization;
using Kubedos.Components.Enrollment;
using Kubedos.Components.Firstboot;
using Kubedos.Components.Planes;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Acceptance;

/// <summary>
/// What the gates try. <c>backplane-matrix</c>: every node pings every other over the control
/// plane and within every other plane; between two planes, each allowed TCP port must be reached,
/// and a port the rule does not name, and every pair of planes no rule joins, must be filtered
/// (reached instead under <c>defaultInterPlane: allow</c>).
/// <c>security-baseline</c>: sshd's effective settings, SSH password/outsider/root logins refused,
/// and (from the operator) a port on the underlay filtered; with an enrollment service, an enroll attempt from every node
/// without a token, and one with a wrong token, refused by the service.
/// </summary>
internal static class ProbePlan
{
    public const string BackplaneMatrix = "backplane-matrix";

    public const string SecurityBaseline = "security-baseline";

    public const string Operator = "operator";

    /// <summary>A user no spec allows, to prove AllowUsers holds.</summary>
    public const string Outsider = "kubedos-outsider";

    /// <summary>A join token of the right shape that the service never minted (id <c>kdanon</c>).</summary>
    public const string WrongJoinToken = "kdanon.0000000000000000";

    public static IReadOnlyList<Probe> ForNode(NormalisedCluster cluster, NormalisedNode self, IReadOnlyList<string> gates)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(gates);
        var probes = new List<Probe>();
        var index = cluster.Nodes.ToList().FindIndex(n => n.Name == self.Name);
        var next = cluster.Nodes[(index + 1) % cluster.Nodes.Count];
        var control = cluster.ControlPlane;
        if (gates.Contains(BackplaneMatrix))
        {
            foreach (var plane in cluster.Planes)
            {
                foreach (var peer in cluster.Nodes.Where(n => n.Name != self.Name))
                {
                    var what = plane.Name == control.Name ? $"ping over {plane.Name}" : $"ping within {plane.Name}";
                    probes.Add(new Probe(BackplaneMatrix, self.Name, peer.Name, $"{what} {self.PlaneAddresses[plane.Name]} -> {peer.PlaneAddresses[plane.Name]}",
                        ProbeExpectation.Succeeds, $"ping -n -c 3 -i 0.2 -W 2 -I {self.PlaneAddresses[plane.Name]} {peer.PlaneAddresses[plane.Name]}"));
                }
            }

            if (next.Name != self.Name)
            {
                probes.AddRange(InterPlane(cluster, self, next));
            }
        }

        if (gates.Contains(SecurityBaseline))
        {
            probes.AddRange(Sshd(cluster, self));
            var target = next.PlaneAddresses[control.Name];
            var user = cluster.Security.Ssh.OperatorUser;
            probes.Add(new Probe(SecurityBaseline, self.Name, next.Name, $"ssh password login as {user}@{target}", ProbeExpectation.PasswordRefused,
                Ssh($"-o PreferredAuthentications=password,keyboard-interactive -o PubkeyAuthentication=no {user}@{target}")));
            probes.Add(new Probe(SecurityBaseline, self.Name, next.Name, $"ssh login outside allowUsers as {Outsider}@{target}", ProbeExpectation.LoginRefused,
                Ssh($"{Outsider}@{target}")));
            probes.Add(new Probe(SecurityBaseline, self.Name, next.Name, $"ssh root login root@{target}", ProbeExpectation.LoginRefused, Ssh($"root@{target}")));
        }

        return probes;
    }

    /// <summary>The environment variable the operator's key login probe reads the stack's SSH private key from.</summary>
    public const string SshKeyVariable = "KUBEDOS_SSH_KEY";

    /// <summary>
    /// Probes run from the operator's host: each node answers over the control plane (the host's
    /// own peer), the stack key logs in as the operator user (<see cref="NormalisedSsh.OperatorUser"/>) against the pinned host key,
    /// a password login is refused, and a port on the node's underlay (a non-plane interface) is filtered.
    /// </summary>
    /// <remarks>
    /// The key login probes (<paramref name="keyLogin"/> true) read the stack's private key, so what they print is
    /// secret; they run apart and fail by themselves, and everything else is judged by the program.
    /// </remarks>
    public static IReadOnlyList<Probe> ForOperator(NormalisedCluster cluster, IReadOnlyList<OperatorTarget> nodes, IReadOnlyList<string> gates, bool keyLogin)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(gates);
        var control = cluster.ControlPlane;
        var user = cluster.Security.Ssh.OperatorUser;
        var probes = new List<Probe>();
        foreach (var n in nodes)
        {
            var address = n.Node.PlaneAddresses[control.Name];
            if (gates.Contains(BackplaneMatrix) && !keyLogin)
            {
                probes.Add(new Probe(BackplaneMatrix, Operator, n.Node.Name, $"ping over {control.Name} {control.OperatorAddress} -> {address}", ProbeExpectation.Succeeds,
                    $"ping -n -c 3 -i 0.2 -W 2 {address}"));
            }

            if (gates.Contains(SecurityBaseline) && keyLogin)
            {
                probes.Add(new Probe(SecurityBaseline, Operator, n.Node.Name, $"ssh key login as {user}@{address}, host key pinned", ProbeExpectation.Succeeds,
                    "k=$(mktemp) && h=$(mktemp) && trap 'rm -f \"$k\" \"$h\"' EXIT && "
                    + $"printf '%s\\n' \"${SshKeyVariable}\" >\"$k\" && printf '%s %s\\n' {address} '{n.HostPublicKey}' >\"$h\" && "
                    + Ssh($"-i \"$k\" -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=\"$h\" -o HostKeyAlgorithms=ssh-ed25519 {user}@{address}", pinned: true)));
            }

            if (gates.Contains(SecurityBaseline) && !keyLogin)
            {
                probes.Add(new Probe(SecurityBaseline, Operator, n.Node.Name, $"ssh password login as {user}@{address}", ProbeExpectation.PasswordRefused,
                    Ssh($"-o PreferredAuthentications=password,keyboard-interactive -o PubkeyAuthentication=no {user}@{address}")));
                probes.Add(new Probe(SecurityBaseline, Operator, n.Node.Name, $"tcp {n.UnderlayAddress}:22 on the underlay", ProbeExpectation.Filtered,
                    $"nc -z -v -n -w 2 {n.UnderlayAddress} 22"));
            }
        }

        return probes;
    }

    /// <summary>The WireGuard sessions <paramref name="self"/> sets up before its probes: one per peer and plane, initiated by the node the spec lists first.</summary>
    public static IReadOnlyList<PlaneSession> Sessions(NormalisedCluster cluster, NormalisedNode self)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(self);
        var order = cluster.Nodes.Select((n, i) => (n.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        return [.. cluster.Planes.SelectMany(plane => cluster.Nodes.Where(n => n.Name != self.Name).Select(peer => new PlaneSession(
            plane.Name, self.PlaneAddresses[plane.Name].ToString(), peer.PlaneAddresses[plane.Name].ToString(), order[self.Name] < order[peer.Name])))];
    }

    /// <summary>
    /// security-baseline's enroll attempts from <paramref name="self"/>: without a token, and with a wrong one; the service must refuse both.
    /// Nothing secret is sent, so neither needs the pin to hold: the agent checks it anyway (the wrong token carries the right
    /// pin, so the attempt reaches the service), the bare request skips it.
    /// </summary>
    public static IReadOnlyList<Probe> AnonymousEnrollment(NormalisedCluster cluster, NormalisedNode self, IReadOnlyList<string> gates, EnrollmentEndpoint enrollment)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(enrollment);
        return gates.Contains(SecurityBaseline) ? [.. AnonymousEnrollment(self, cluster.ControlPlane.Name, enrollment)] : [];
    }

    private static IEnumerable<Probe> AnonymousEnrollment(NormalisedNode self, string control, EnrollmentEndpoint enrollment)
    {
        var address = self.PlaneAddresses[control].ToString();
        var body = $"{{\"node\":\"{self.Name}\",\"address\":\"{address}\",\"csrPem\":\"\"}}";
        yield return new Probe(SecurityBaseline, self.Name, enrollment.ServiceNode, $"enroll without a token at {enrollment.ServiceUrl}", ProbeExpectation.EnrollmentRefused,
            $"curl -sS -k --max-time 5 --fail-with-body -H 'content-type: application/json' -d {ProbeScriptRenderer.Quote(body)} {enrollment.ServiceUrl}v1/enroll");
        var agent = string.Join(' ', enrollment.AgentCommand.Select(ProbeScriptRenderer.Quote));
        yield return new Probe(SecurityBaseline, self.Name, enrollment.ServiceNode, $"enroll with a wrong token at {enrollment.ServiceUrl}", ProbeExpectation.EnrollmentRefused,
            "d=$(mktemp -d) && trap 'rm -rf \"$d\"' EXIT && "
            + $"printf '%s\\n' 'kubedos1:{WrongJoinToken}:{enrollment.CaPin}' >\"$d/token\" && "
            + $"timeout 10 {agent} enroll --service {enrollment.ServiceUrl} --dir \"$d/identity\" --token-file \"$d/token\" --node {self.Name} --address {address}");
    }

    private static IEnumerable<Probe> InterPlane(NormalisedCluster cluster, NormalisedNode self, NormalisedNode peer)
    {
        var flows = InterPlaneFlow.Of(cluster);
        var open = cluster.PlanePolicy.OpenByDefault;
        foreach (var from in cluster.Planes)
        {
            foreach (var to in cluster.Planes.Where(p => p.Name != from.Name))
            {
                var source = self.PlaneAddresses[from.Name];
                var destination = peer.PlaneAddresses[to.Name];
                var allowed = flows.Where(f => f.From.Name == from.Name && f.To.Name == to.Name).SelectMany(f => f.Ports).ToList();
                foreach (var range in allowed.Where(r => r.Protocol == "tcp"))
                {
                    yield return Tcp(self, peer, from.Name, to.Name, source, destination, range.First, ProbeExpectation.Reaches, "allowed");
                }

                // What no rule opens is filtered, unless the default between planes is allow.
                var closed = allowed.Count > 0
                    ? ClosedPort(allowed)
                    : flows.Where(f => f.To.Name == to.Name).SelectMany(f => f.Ports).FirstOrDefault(r => r.Protocol == "tcp")?.First ?? 22;
                yield return open
                    ? Tcp(self, peer, from.Name, to.Name, source, destination, closed, ProbeExpectation.Reaches, "defaultInterPlane: allow")
                    : Tcp(self, peer, from.Name, to.Name, source, destination, closed, ProbeExpectation.Filtered, allowed.Count > 0 ? "not in the rule" : "no rule");
            }
        }
    }

    private static Probe Tcp(NormalisedNode self, NormalisedNode peer, string from, string to, object source, object destination, int port, ProbeExpectation expect, string why) =>
        new(BackplaneMatrix, self.Name, peer.Name,
            $"tcp {from} -> {to} ({why}) {source} -> {destination}:{port.ToString(CultureInfo.InvariantCulture)}",
            expect, $"nc -z -v -n -w 2 -s {source} {destination} {port.ToString(CultureInfo.InvariantCulture)}");

    private static int ClosedPort(IReadOnlyList<PortRange> allowed)
    {
        var port = 9;
        while (allowed.Any(r => r.Protocol == "tcp" && r.Contains(port)))
        {
            port++;
        }

        return port;
    }

    private static IEnumerable<Probe> Sshd(NormalisedCluster cluster, NormalisedNode self)
    {
        var ssh = cluster.Security.Ssh;
        var expected = new List<string>
        {
            $"passwordauthentication {(ssh.PasswordAuth ? "yes" : "no")}",
            $"permitrootlogin {(ssh.PermitRootLogin ? "yes" : "no")}",
            "kbdinteractiveauthentication no",
            "permitemptypasswords no",
            $"ciphers {SshdConfigRenderer.Ciphers}",
            $"macs {SshdConfigRenderer.Macs}",
        };
        expected.AddRange(ssh.AllowUsers.Select(u => $"allowusers {u}"));
        return expected.Select(line => new Probe(SecurityBaseline, self.Name, self.Name, $"sshd -T shows '{line}'", ProbeExpectation.Succeeds,
            $"sshd -T -f {SshdConfigRenderer.ConfigPath} | grep -x '{line}'"));
    }

    // Refusal probes need no pin (nothing is sent that a wrong host could use); the login probe pins.
    private static string Ssh(string arguments, bool pinned = false) =>
        "ssh -F /dev/null -o BatchMode=yes -o ConnectTimeout=3 -o LogLevel=ERROR "
        + (pinned ? string.Empty : "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null ") + arguments + (pinned ? " hostname" : " true");
}
