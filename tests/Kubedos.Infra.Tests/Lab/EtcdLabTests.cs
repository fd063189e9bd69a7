using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kubedos.Components.Kubernetes;
using Kubedos.Engine.Automation;
using Kubedos.Infra.Tests.Spec;
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
/// bundle's newest snapshot; a member whose peer certificate another CA signed is refused.
/// </summary>
[Collection(nameof(LabCollection))]
public sealed partial class EtcdLabTests(ITestOutputHelper output)
{
    private const string Spec = "lab-01.yaml";

    private static readonly string[] Members = ["cp-1", "cp-2", "cp-3"];

    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "nc", "ping", "useradd", "ansible-playbook", "runsvdir", "sv", "sudo", "etcd", "etcdctl", "curl", "openssl")]
    public async Task Up_Lab01WithKubernetes_EtcdQuorumHoldsSurvivesItsLeaderReplacesALostMemberIsRestoredAfterTotalLossAndRefusesAForeignMember()
    {
        await using var project = LabProject.Create("lab-01", Spec);
        project.EditSpec(Spec, yaml => SpecText.ReplaceOnce(
            SpecText.ReplaceOnce(yaml, "enabled: false              # the lab", "enabled: true\n    version: v1.30.4\n    cni: { version: \"1.16.1\" } # the lab"),
            "      - security-baseline\n", "      - security-baseline\n      - etcd-quorum\n"));

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

        // Idempotence, after a restore too: a forced re-converge changes nothing on any host (the members restore nothing again).
        var stack = await project.StackAsync();
        var watch = Stopwatch.StartNew();
        var again = await stack.UpAsync(new UpdateOptions { Replace = [await ConvergeLabTests.PlaybookUrnAsync(project)] });
        var reconvergeWall = watch.Elapsed;
        Assert.True(again.Summary.Succeeded);
        var recap = await ConvergeLabTests.RecapAsync(project);
        Assert.All(recap, h => Assert.True(h.Value["changed"] == 0 && h.Value["failures"] == 0, $"second converge of {h.Key}: {string.Join(' ', h.Value.Select(c => $"{c.Key}={c.Value}"))}"));
        output.WriteLine($"forced re-converge of the restored cluster: {reconvergeWall.TotalSeconds:0.0} s");

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
        var refused = await EventuallyAsync(cp1Rebuilt, $"grep -E '\"rejected connection\",\"remote-addr\":\"{Regex.Escape(address)}:[0-9]+\".*(unknown authority|bad certificate)' /var/log/etcd/current");
        Assert.True(refused.Succeeded, $"cp-1 did not refuse cp-3's foreign peer certificate: {await cp1Rebuilt.ReadFileAsync("/var/log/etcd/current", CancellationToken.None)}");
        var health = await foreign.ExecAsync(new NodeInvocation(["sh", "-c", $"{Etcdctl(address)} endpoint health"]), CancellationToken.None);
        Assert.False(health.Succeeded, "cp-3 with a foreign peer certificate still reports a healthy member");

        await project.DestroyAsync();
        Assert.Equal(string.Empty, await project.LeftoversAsync());
    }

    private static string Etcdctl(string address) =>
        $"ETCDCTL_API=3 etcdctl --dial-timeout=3s --command-timeout=5s --endpoints=https://{address}:2379 "
        + "--cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt --key=/etc/kubernetes/pki/etcd/healthcheck-client.key";

    // The cluster's members as a member sees them: name (empty until a member first starts) and ID.
    private static async Task<IReadOnlyList<(string Name, ulong Id)>> MembersAsync(LabNode node, string address)
    {
        var list = JsonNode.Parse((await EventuallyAsync(node, $"{Etcdctl(address)} member list -w json")).Stdout)!["members"]!.AsArray();
        return [.. list.Select(m => ((string?)m!["name"] ?? string.Empty, m["ID"]!.GetValue<ulong>()))];
    }

    // Every member's wg3 address, from the stack's nodes output.
    private static async Task<Dictionary<string, string>> AddressesAsync(LabProject project)
    {
        var nodes = (await (await project.StackAsync()).GetOutputsAsync())["nodes"].Value.AsObject();
        return Members.ToDictionary(m => m, m => nodes[m].AsObject()["wg3"].AsString(), StringComparer.Ordinal);
    }

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

    [GeneratedRegex(@"^run: \S+ \(pid (\d+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex SvPid();
}
