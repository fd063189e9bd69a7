using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kubedos.Components.Kubernetes;
using Kubedos.Engine.Automation;
using Kubedos.Operations.Drills.Local;
using Kubedos.Providers.Local;
using Kubedos.Testing;
using Xunit.Abstractions;

namespace Kubedos.Infra.Tests.Lab;

/// <summary>
/// etcd for real on a lab-01-shaped stack with Kubernetes enabled: converge starts a member on each control plane, the
/// etcd-quorum gate passes, a snapshot lands in the recovery bundle, kubeadm's files read back strictly; the leader
/// killed by hand leaves a quorum and runit brings it back; the delete-control-plane drill keeps the quorum and its rebuilt
/// machine joins as a new member in place of the lost one; the total-loss runbook rebuilds every machine and restores the
/// bundle's newest snapshot; the compromised-node runbook replaces a control plane and etcd refuses its old client
/// certificate (the etcd CA's revocation list); <c>kubedos swap</c> moves the cluster to a derived second colour and back,
/// its data and a stable endpoint with it; a member whose peer certificate another CA signed is refused.
/// </summary>
[Collection(nameof(LabCollection))]
public sealed partial class EtcdLabTests(ITestOutputHelper output)
{
    private const string Spec = "lab-01.yaml";

    private const string EndpointAddress = "10.254.254.1";

    private static readonly string[] Members = ["cp-1", "cp-2", "cp-3"];

    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "nc", "ping", "useradd", "ansible-playbook", "runsvdir", "sv", "sudo", "etcd", "etcdctl", "curl", "openssl")]
    public async Task Up_Lab01WithKubernetes_EtcdQuorumHoldsSurvivesItsLeaderReplacesALostMemberIsRestoredAfterTotalLossRefusesACompromisedMembersCertificateSwapsBlueGreenThereAndBackAndRefusesAForeignMember()
    {
        await using var project = LabProject.Create("lab-01", Spec);

        var (first, upWall) = await project.UpAsync();
        Assert.Equal("passed", first.Outputs["acceptance"].Value.AsString());
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(project.OutDirectory, "recovery-bundle", "acceptance-report.json")))!;
        var gate = report["gates"]!.AsArray().Single(g => (string?)g!["gate"] == "etcd-quorum")!;
        Assert.True((bool)gate["passed"]!);
        Assert.True(gate["probes"]!.AsArray().Count >= 30, gate.ToJsonString());

        // The snapshot the run fetched over wg1 is a real etcd snapshot.
        var snapshots = Directory.GetFiles(Path.Combine(project.OutDirectory, "recovery-bundle", "etcd"), "*.db");
        var snapshot = Assert.Single(snapshots);
        Assert.Contains("\"totalKey\"", Run("etcdctl", "snapshot", "status", snapshot, "-w", "json"), StringComparison.Ordinal);

        // kubeadm's configuration, per node, reads back strictly and names the members.
        foreach (var node in new[] { "cp-1", "cp-2", "cp-3", "w-1" })
        {
            var text = await File.ReadAllTextAsync(Path.Combine(project.OutDirectory, "kubernetes", KubeadmConfigRenderer.Folder, $"{node}.yaml"));
            Assert.NotEmpty(KubeadmConfigRenderer.Read(text));
        }

        output.WriteLine($"lab-01 with etcd up from nothing: {upWall.TotalSeconds:0.0} s");

        // Every node runs the node image: its service processes execute the image's files (not the host's), no .NET on them.
        var programs = await ImageNodeChecks.AssertNodesRunTheImageAsync(project, [.. Members, "w-1"]);
        foreach (var expected in new[] { "cp-1:sshd", "cp-1:wireguard-go", "cp-1:etcd", "cp-1:prometheus", "cp-1:kubedos-agent", "cp-1:prometheus-aler", "w-1:prometheus-node", "w-1:rsyslogd" })
        {
            Assert.Contains(expected, programs);
        }

        // The leader killed by hand: the other two keep a quorum (a write succeeds), runit restarts it, it rejoins healthy.
        var addresses = await AddressesAsync(project);
        var leader = await LeaderAsync(project, addresses);
        var leaderNode = await ConvergeLabTests.NodeAsync(project, leader);
        var before = await PidAsync(leaderNode);
        Assert.NotEqual(0, before);
        await leaderNode.ExecCheckedAsync(CancellationToken.None, "kill", "-9", before.ToString(CultureInfo.InvariantCulture));
        var survivorName = Members.First(m => m != leader);
        var survivor = await ConvergeLabTests.NodeAsync(project, survivorName);
        var write = await EventuallyAsync(survivor, $"{Etcdctl(addresses[survivorName])} put kubedos/lab/leader-killed {leader}");
        Assert.True(write.Succeeded, $"no quorum after killing {leader}: {write.Stdout}{write.Stderr}");
        var after = 0;
        for (var i = 0; i < 100 && (after == 0 || after == before); i++)
        {
            await Task.Delay(100);
            after = await PidAsync(leaderNode);
        }

        Assert.NotEqual(before, after);
        var rejoined = await EventuallyAsync(leaderNode, $"{Etcdctl(addresses[leader])} get --consistency=s --print-value-only kubedos/lab/leader-killed | grep -x {leader}");
        Assert.True(rejoined.Succeeded, $"{leader} did not come back with the write: {rejoined.Stdout}{rejoined.Stderr}");

        // The delete-control-plane drill on cp-2: its machine lost out of band (its etcd data with it), the gates notice,
        // `up --refresh` makes a new machine and converge removes the lost member and adds the new one, which starts
        // `existing`. The drill's witness reads a key written before the fault while cp-2 is gone and after.
        var cp1 = await ConvergeLabTests.NodeAsync(project, "cp-1");
        var lost = (await MembersAsync(cp1, addresses["cp-1"])).Single(m => m.Name == "cp-2");
        var (drillExit, drillOutput) = project.RunCli("drill", "run", "delete-control-plane", "--stack", project.Stack, "--node", "cp-2", "--json");
        Assert.True(drillExit == 0, drillOutput);
        var drill = JsonNode.Parse(drillOutput.Trim().Split('\n')[^1])!["drill"]!;
        output.WriteLine($"delete-control-plane cp-2 with etcd: recovery {drill["recoverySeconds"]} s; quorum {drill["quorum"]}");
        Assert.StartsWith("held:", drill["quorum"]!.GetValue<string>(), StringComparison.Ordinal);
        var members = await MembersAsync(cp1, addresses["cp-1"]);
        Assert.Equal(Members, members.Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.NotEqual(lost.Id, members.Single(m => m.Name == "cp-2").Id);
        var cp2 = await ConvergeLabTests.NodeAsync(project, "cp-2");
        Assert.Contains("\"existing\"", await cp2.ReadFileAsync("/var/lib/kubedos/etcd/bootstrap.json", CancellationToken.None), StringComparison.Ordinal);
        var held = await EventuallyAsync(cp2, $"{Etcdctl(addresses["cp-2"])} get --consistency=s --print-value-only kubedos/lab/leader-killed | grep -x {leader}");
        Assert.True(held.Succeeded, $"the new cp-2 member does not hold what was written before it was lost: {held.Stdout}{held.Stderr}");

        // Total loss. Refused while any machine runs, nothing touched. Then every machine failed out of band and the snapshots
        // outside the bundle deleted: the runbook verifies the bundle, every member of the rebuilt cluster restores its newest
        // snapshot, and the key written before the loss (and before that snapshot) reads back.
        var (aliveExit, aliveOutput) = project.RunCli("runbook", "total-loss", "--stack", project.Stack, "--yes");
        Assert.True(aliveExit == 1, aliveOutput);
        Assert.Contains("cp-1, cp-2, cp-3, w-1 still run", aliveOutput, StringComparison.Ordinal);
        var failure = new LocalHostFailure();
        var whole = await (await project.StackAsync()).GetCheckpointAsync();
        foreach (var node in new[] { "cp-1", "cp-2", "cp-3", "w-1" })
        {
            await failure.FailAsync(project.Stack, node, whole, CancellationToken.None);
        }

        Directory.Delete(Path.Combine(project.OutDirectory, EtcdSnapshotFetch.Folder), recursive: true);
        var (lossExit, lossOutput) = project.RunCli("runbook", "total-loss", "--stack", project.Stack, "--yes", "--json");
        Assert.True(lossExit == 0, lossOutput);
        var runbook = JsonNode.Parse(lossOutput.Trim().Split('\n')[^1])!["runbook"]!;
        var steps = runbook["steps"]!.AsArray().ToDictionary(st => (string)st!["kind"]!, st => st!);
        output.WriteLine($"total-loss with etcd: {runbook["seconds"]} s (rebuild {steps["rebuild"]["seconds"]} s); {steps["restored"]["done"]![0]}");
        Assert.Equal(["restore-source", "rebuild", "restored"], steps.Keys);
        Assert.Contains("its data came back", (string)steps["restored"]["done"]![0]!, StringComparison.Ordinal);
        var cp1Rebuilt = await ConvergeLabTests.NodeAsync(project, "cp-1");
        var restored = await EventuallyAsync(cp1Rebuilt, $"{Etcdctl(addresses["cp-1"])} get --print-value-only kubedos/lab/leader-killed | grep -x {leader}");
        Assert.True(restored.Succeeded, $"the key written before the loss did not come back: {restored.Stdout}{restored.Stderr}");
        Assert.Contains("\"restored\"", await cp1Rebuilt.ReadFileAsync("/var/lib/kubedos/etcd/bootstrap.json", CancellationToken.None), StringComparison.Ordinal);
        Assert.Equal(Members, (await MembersAsync(cp1Rebuilt, addresses["cp-1"])).Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.StartsWith(
            Path.Combine("out", project.Stack, "etcd-restore", "etcd-"),
            await (await project.StackAsync()).GetConfigAsync("kubedos:etcdRestoreSnapshot"),
            StringComparison.Ordinal);

        // Idempotence of every role etcd's included, on a cluster restored from a snapshot: a forced re-converge changes
        // nothing on any host (the members restore nothing again).
        var watch = Stopwatch.StartNew();
        var again = await (await project.StackAsync()).UpAsync(new UpdateOptions { Replace = [await ConvergeLabTests.PlaybookUrnAsync(project)] });
        var reconvergeWall = watch.Elapsed;
        Assert.True(again.Summary.Succeeded);
        var recap = await ConvergeLabTests.RecapAsync(project);
        Assert.All(recap, h => Assert.True(h.Value["changed"] == 0 && h.Value["failures"] == 0, $"second converge of {h.Key}: {string.Join(' ', h.Value.Select(c => $"{c.Key}={c.Value}"))}"));
        output.WriteLine($"forced re-converge of the restored cluster: {reconvergeWall.TotalSeconds:0.0} s");

        await CompromisedControlPlaneAsync(project, addresses, leader);

        // Blue/green there and back: it ends serving from this stack again, rebuilt by the swap back.
        await SwapThereAndBackAsync(project);

        // A member given a peer certificate from another CA (same name and address) is refused by the others.
        var foreign = await ConvergeLabTests.NodeAsync(project, "cp-3");
        var address = addresses["cp-3"];
        var replaced = await foreign.ExecAsync(new NodeInvocation(["sh", "-c",
            "set -e; d=$(mktemp -d); cd \"$d\"; "
            + "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=other-ca -days 1 -keyout ca.key -out ca.crt 2>/dev/null; "
            + "openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=cp-3 -keyout peer.key -out peer.csr 2>/dev/null; "
            + $"printf 'subjectAltName=DNS:cp-3,IP:{address}\\nextendedKeyUsage=serverAuth,clientAuth\\n' >ext; "
            + "openssl x509 -req -in peer.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 1 -extfile ext -out peer.crt 2>/dev/null; "
            + "install -m 0644 peer.crt /etc/kubernetes/pki/etcd/peer.crt; install -m 0600 -o kubedos-etcd -g kubedos-etcd peer.key /etc/kubernetes/pki/etcd/peer.key; "
            + "sv -w 30 restart /etc/service/etcd"]), CancellationToken.None);
        Assert.True(replaced.Succeeded, replaced.Stdout + replaced.Stderr);
        var cp1Back = await ConvergeLabTests.NodeAsync(project, "cp-1");
        var refused = await EventuallyAsync(cp1Back, $"grep -E '\"rejected connection\",\"remote-addr\":\"{Regex.Escape(address)}:[0-9]+\".*(unknown authority|bad certificate)' /var/log/etcd/current");
        Assert.True(refused.Succeeded, $"cp-1 did not refuse cp-3's foreign peer certificate: {await cp1Back.ReadFileAsync("/var/log/etcd/current", CancellationToken.None)}");
        var health = await foreign.ExecAsync(new NodeInvocation(["sh", "-c", $"{Etcdctl(address)} endpoint health"]), CancellationToken.None);
        Assert.False(health.Succeeded, "cp-3 with a foreign peer certificate still reports a healthy member");

        await project.DestroyAsync();
        Assert.Equal(string.Empty, await project.LeftoversAsync());
    }

    // A compromised control plane (cp-3): its API-server client pair for etcd copied off the machine first, as an attacker
    // would, and shown to work. The runbook fences, revokes (its etcd certificates with its identity), destroys and replaces
    // it; the new machine joins as a new member. The copied pair is then refused by etcd, the etcd CA's revocation list
    // delivered to every member, while cp-1's own pair goes on and reads the key written before the total loss.
    private async Task CompromisedControlPlaneAsync(LabProject project, Dictionary<string, string> addresses, string leader)
    {
        var cp1 = await ConvergeLabTests.NodeAsync(project, "cp-1");
        var cp3 = await ConvergeLabTests.NodeAsync(project, "cp-3");
        var lost = (await MembersAsync(cp1, addresses["cp-1"])).Single(m => m.Name == "cp-3");
        var stolenCert = await cp3.ReadFileAsync("/etc/kubernetes/pki/apiserver-etcd-client.crt", CancellationToken.None) ?? throw new InvalidOperationException("cp-3 has no apiserver-etcd-client.crt");
        var stolenKey = await cp3.ReadFileAsync("/etc/kubernetes/pki/apiserver-etcd-client.key", CancellationToken.None) ?? throw new InvalidOperationException("cp-3 has no apiserver-etcd-client.key");
        await cp1.ExecCheckedAsync(new NodeInvocation(["sh", "-c", $"mkdir -p /tmp/stolen && printf '%s' '{stolenCert}' > /tmp/stolen/client.crt && printf '%s' '{stolenKey}' > /tmp/stolen/client.key && chmod 600 /tmp/stolen/client.key"]), CancellationToken.None);
        var stolen = $"{EtcdctlAs(addresses["cp-1"], "/tmp/stolen/client")} get --print-value-only kubedos/lab/leader-killed";
        var before = await cp1.ExecAsync(new NodeInvocation(["sh", "-c", stolen]), CancellationToken.None);
        Assert.True(before.Succeeded, $"the copied pair did not work before the runbook: {before.Stdout}{before.Stderr}");

        var (exitCode, cli) = project.RunCli("runbook", "compromised-node", "cp-3", "--stack", project.Stack, "--yes", "--json");

        Assert.True(exitCode == 0, cli);
        var report = JsonNode.Parse(cli.Trim().Split('\n')[^1])!["runbook"]!;
        var steps = report["steps"]!.AsArray();
        output.WriteLine($"compromised-node cp-3 with etcd: {report["seconds"]} s ({string.Join(", ", steps.Select(st => $"{st!["kind"]} {st["seconds"]} s"))})");
        Assert.Equal("passed", (string)report["verdict"]!);
        Assert.Equal(["fence", "revoke", "destroy", "replace"], steps.Select(st => (string)st!["kind"]!));
        Assert.Contains(steps[1]!["done"]!.AsArray(), d => ((string)d!).StartsWith("etcd certificates revoked ", StringComparison.Ordinal));
        var members = await MembersAsync(cp1, addresses["cp-1"]);
        Assert.Equal(Members, members.Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.NotEqual(lost.Id, members.Single(m => m.Name == "cp-3").Id);

        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(stolenCert);
        var list = await EventuallyAsync(cp1, $"openssl crl -in /etc/kubernetes/pki/etcd/crl.pem -noout -text | grep -i 'Serial Number: {certificate.SerialNumber}'");
        Assert.True(list.Succeeded, $"cp-1's revocation list does not name the copied certificate {certificate.SerialNumber}");
        var after = await cp1.ExecAsync(new NodeInvocation(["sh", "-c", stolen]), CancellationToken.None);
        Assert.False(after.Succeeded, $"etcd still accepts the compromised machine's copied client certificate: {after.Stdout}");
        var own = await EventuallyAsync(cp1, $"{EtcdctlAs(addresses["cp-1"], "/etc/kubernetes/pki/apiserver-etcd-client")} get --print-value-only kubedos/lab/leader-killed | grep -x {leader}");
        Assert.True(own.Succeeded, $"cp-1's own client pair was refused, or the key written before the total loss is gone: {own.Stdout}{own.Stderr}");
    }

    // Blue/green there and back (kubedos swap): this stack is blue; green is derived from it as the README says (its file
    // copied, its ranges moved). Each swap takes a fresh snapshot of the serving colour, builds the other from nothing with
    // it restored, moves the endpoint (an address on the host, nftables-forwarded to the serving control plane's wg1: made
    // serving blue, then updated in place) and destroys the old colour. A key written on the serving colour reads back
    // through the endpoint, over SSH to the machine whose host key the new colour's cp-1 holds.
    private async Task SwapThereAndBackAsync(LabProject project)
    {
        var blue = project.Stack;
        var green = project.DeriveColour("lab-01-green", Spec, yaml => GreenPlanes().Replace(yaml.Replace("10.254.1.0/24", "10.254.31.0/24", StringComparison.Ordinal), "10.23$1."));
        var endpoint = LabProject.StackName("lab-01-endpoint");
        project.AddCompanion(endpoint);

        // Refused without --yes, nothing touched.
        Assert.Equal(2, project.RunCli("swap", "--from", blue, "--to", green).ExitCode);
        await WriteKeyAsync(project, blue, "blue");

        // A new colour that cannot be built (its root certificate unreadable): the swap fails at build, and the endpoint its
        // first step made still serves blue, whose data reads back through it. What green made is destroyed by hand.
        var root = await (await project.Workspace().SelectStackAsync(blue)).GetConfigAsync("kubedos:pki.rootCert");
        Assert.Equal(0, project.RunCli("config", "set", "--stack", green, "kubedos:pki.rootCert", "/nonexistent/root-ca.pem").ExitCode);
        var (failedExit, failedText) = project.RunCli("swap", "--from", blue, "--to", green, "--endpoint", endpoint, "--endpoint-address", EndpointAddress, "--yes", "--json");
        Assert.True(failedExit == 1, failedText);
        var failedReport = JsonNode.Parse(failedText.Trim().Split('\n')[^1])!["runbook"]!;
        Assert.Equal(["endpoint", "snapshot", "build"], failedReport["steps"]!.AsArray().Select(st => (string)st!["kind"]!));
        Assert.Contains(failedReport["failures"]!.AsArray(), f => ((string)f!).Contains($"the endpoint still serves '{blue}'", StringComparison.Ordinal));
        Assert.Equal("blue", await ThroughEndpointAsync(project, blue));
        Assert.Equal(0, project.RunCli("destroy", "--stack", green, "--yes").ExitCode);
        Assert.Equal(0, project.RunCli("config", "set", "--stack", green, "kubedos:pki.rootCert", root!).ExitCode);

        var there = Swap(project, blue, green, endpoint);
        Assert.Equal(["snapshot", "build", "data", "switch", "retire"], there.Keys);
        Assert.Equal("blue", await ThroughEndpointAsync(project, green));
        Assert.Equal(string.Empty, await LeftoversOfAsync(blue));

        await WriteKeyAsync(project, green, "green");
        var back = Swap(project, green, blue, endpoint);
        Assert.Equal(["snapshot", "build", "data", "switch", "retire"], back.Keys);
        Assert.Equal("green", await ThroughEndpointAsync(project, blue));
        Assert.Equal(string.Empty, await LeftoversOfAsync(green));

        // The endpoint stack destroyed: its table and address leave the host.
        await (await project.Workspace().SelectStackAsync(endpoint)).DestroyAsync();
        Assert.DoesNotContain(EndpointAddress, Run("ip", "-4", "address", "show", "dev", "lo"), StringComparison.Ordinal);
    }

    private Dictionary<string, JsonNode> Swap(LabProject project, string from, string to, string endpoint, params string[] more)
    {
        var (exit, text) = project.RunCli(["swap", "--from", from, "--to", to, "--endpoint", endpoint, "--destroy-old", "--yes", "--json", .. more]);
        Assert.True(exit == 0, text);
        var report = JsonNode.Parse(text.Trim().Split('\n')[^1])!["runbook"]!;
        var steps = report["steps"]!.AsArray().ToDictionary(st => (string)st!["kind"]!, st => st!);
        output.WriteLine($"swap {from} -> {to}: {report["seconds"]} s ({string.Join(", ", steps.Select(st => $"{st.Key} {st.Value["seconds"]} s"))}); {string.Join(" | ", steps.Values.SelectMany(st => st["done"]!.AsArray().Select(d => (string)d!)))}");
        Assert.Equal("passed", (string)report["verdict"]!);
        return steps;
    }

    private static async Task WriteKeyAsync(LabProject project, string stack, string value)
    {
        var (cp1, address) = await ControlPlaneAsync(project, stack);
        var put = await EventuallyAsync(cp1, $"{Etcdctl(address)} put kubedos/lab/colour {value}");
        Assert.True(put.Succeeded, put.Stdout + put.Stderr);
    }

    // The key read through the endpoint: SSH to the endpoint's address as ops with the stack's key, the host key pinned to
    // the one the serving colour's cp-1 holds, then etcdctl there.
    private static async Task<string> ThroughEndpointAsync(LabProject project, string serving)
    {
        var (cp1, address) = await ControlPlaneAsync(project, serving);
        var hostKey = (await cp1.ReadFileAsync(Kubedos.Components.Firstboot.SshdConfigRenderer.HostKeyPath("ed25519") + ".pub", CancellationToken.None) ?? throw new InvalidOperationException($"cp-1 of {serving} has no ed25519 host key")).Split(' ');
        var checkpoint = await (await project.Workspace().SelectStackAsync(serving)).GetCheckpointAsync();
        var key = checkpoint.Resources.Single(r => !r.Delete && r.Urn.Name == "ssh-user-key").Outputs.GetOrDefault("privateKeyPem")!.Unwrapped.AsString();
        var directory = Directory.CreateTempSubdirectory("kubedos-endpoint-").FullName;
        try
        {
            var (keyFile, knownHosts) = (Path.Combine(directory, "key"), Path.Combine(directory, "known_hosts"));
            await File.WriteAllTextAsync(keyFile, key);
            Run("chmod", "0600", keyFile);
            await File.WriteAllTextAsync(knownHosts, $"{EndpointAddress} {hostKey[0]} {hostKey[1]}\n");
            return Stdout("ssh", "-F", "/dev/null", "-i", keyFile, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-o", "StrictHostKeyChecking=yes",
                "-o", $"UserKnownHostsFile={knownHosts}", "-o", "HostKeyAlgorithms=ssh-ed25519", $"ops@{EndpointAddress}",
                $"sudo -n sh -c '{Etcdctl(address)} get --print-value-only kubedos/lab/colour'").Trim();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(LabNode Node, string Wg3)> ControlPlaneAsync(LabProject project, string stack) =>
        (await NodeOfAsync(stack, "cp-1"), (await AddressesAsync(project, stack))["cp-1"]);

    private static async Task<string> LeftoversOfAsync(string stack)
    {
        var start = new ProcessStartInfo("bash", [LabProject.RepositoryFile("scripts/lab/lab-status.sh"), stack]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }

    private static string Etcdctl(string address) => EtcdctlAs(address, "/etc/kubernetes/pki/etcd/healthcheck-client");

    // etcdctl against the member at address with the client pair at pair.crt and pair.key.
    private static string EtcdctlAs(string address, string pair) =>
        $"ETCDCTL_API=3 etcdctl --dial-timeout=3s --command-timeout=5s --endpoints=https://{address}:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert={pair}.crt --key={pair}.key";

    // The cluster's members as a member sees them: name (empty until a member first starts) and ID.
    private static async Task<IReadOnlyList<(string Name, ulong Id)>> MembersAsync(LabNode node, string address)
    {
        var list = JsonNode.Parse((await EventuallyAsync(node, $"{Etcdctl(address)} member list -w json")).Stdout)!["members"]!.AsArray();
        return [.. list.Select(m => ((string?)m!["name"] ?? string.Empty, m["ID"]!.GetValue<ulong>()))];
    }

    // Every member's wg3 address, from the stack's nodes output (the project's stack unless another is named).
    private static async Task<Dictionary<string, string>> AddressesAsync(LabProject project, string? stack = null)
    {
        var nodes = (await (await project.Workspace().SelectStackAsync(stack ?? project.Stack)).GetOutputsAsync())["nodes"].Value.AsObject();
        return Members.ToDictionary(m => m, m => nodes[m].AsObject()["wg3"].AsString(), StringComparer.Ordinal);
    }

    private static async Task<LabNode> NodeOfAsync(string stack, string node) =>
        await new LocalLab().FindNodeAsync(stack, node, CancellationToken.None) ?? throw new InvalidOperationException($"{node} of {stack} is not running");

    // The member that says it leads, once exactly one does: each member answers `endpoint status` on its own, so right after
    // an election (a re-converge, a restart) a deposed leader can still say so for a moment. etcdctl is given cp-1's endpoint
    // twice (Etcdctl's own --endpoints and the list), so it answers twice: one member, counted once.
    private static async Task<string> LeaderAsync(LabProject project, Dictionary<string, string> addresses)
    {
        var cp1 = await ConvergeLabTests.NodeAsync(project, "cp-1");
        var endpoints = string.Join(',', Members.Select(m => $"https://{addresses[m]}:2379"));
        var leaders = new List<string>();
        for (var i = 0; i < 40 && leaders.Count != 1; i++)
        {
            if (i > 0)
            {
                await Task.Delay(250);
            }

            var status = (await cp1.ExecCheckedAsync(new NodeInvocation(["sh", "-c", $"{Etcdctl(addresses["cp-1"])} --endpoints={endpoints} endpoint status -w simple"]), CancellationToken.None)).Stdout;
            leaders = [.. status.Split('\n').Where(l => l.Split(", ").ElementAtOrDefault(4) == "true").Select(l => new Uri(l.Split(", ")[0]).Host).Distinct()];
        }

        var address = Assert.Single(leaders);
        return addresses.Single(a => a.Value == address).Key;
    }

    private static async Task<ProcessResult> EventuallyAsync(LabNode node, string script)
    {
        ProcessResult result = new(1, string.Empty, string.Empty);
        for (var i = 0; i < 60 && !result.Succeeded; i++)
        {
            if (i > 0)
            {
                await Task.Delay(500);
            }

            result = await node.ExecAsync(new NodeInvocation(["sh", "-c", script]), CancellationToken.None);
        }

        return result;
    }

    private static async Task<int> PidAsync(LabNode node)
    {
        var status = (await node.ExecAsync(new NodeInvocation(["sv", "status", "/etc/service/etcd"]), CancellationToken.None)).Stdout;
        var match = SvPid().Match(status);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    // What the command prints on stdout (its stderr, say sudo's warnings, apart); fails the test unless it exits 0.
    private static string Stdout(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)}: {stdout}{stderr.Result}");
        return stdout;
    }

    private static string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)}: {text}");
        return text;
    }

    [GeneratedRegex(@"\b10\.20([1-3])\.", RegexOptions.CultureInvariant)]
    private static partial Regex GreenPlanes();

    [GeneratedRegex(@"^run: \S+ \(pid (\d+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex SvPid();
}
