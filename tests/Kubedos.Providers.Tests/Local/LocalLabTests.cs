using System.Globalization;
using System.Net;
using Kubedos.Providers.Local;
using Kubedos.Testing;

namespace Kubedos.Providers.Tests.Local;

/// <summary>Lifecycle of the real lab: adopt, delete without leftovers, two stacks, fallback routes.</summary>
[Collection(LabCollection.Name)]
public sealed class LocalLabTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt")]
    public async Task EnsureNodeAsync_Twice_AdoptsTheRunningNode()
    {
        await using var lab = await LabScratch.CreateAsync();
        await lab.UnderlayAsync();
        var first = await lab.NodeAsync("n1", 1);
        var linkBefore = await Host(None, "ip", "-n", first.Namespace, "-j", "link", "show", "dev", "eth0");

        var second = await lab.NodeAsync("n1", 1);
        var underlayAgain = await lab.UnderlayAsync();

        Assert.Equal(first.Holder, second.Holder);
        Assert.Equal(linkBefore, await Host(None, "ip", "-n", first.Namespace, "-j", "link", "show", "dev", "eth0"));
        Assert.Equal(lab.Underlay, underlayAgain with { FallbackCidrs = lab.Underlay!.FallbackCidrs });
        Assert.Equal("n1\n", (await second.ExecCheckedAsync(None, "hostname")).Stdout);
    }

    // Two states with one stack name (a checkout's lab-01 and a test's) name the same namespaces: the second never adopts,
    // changes or removes the first's lab, in the same lab root or in another.
    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt")]
    public async Task EnsureUnderlayAsync_SameStackOfAnotherState_IsRefusedAndTheFirstLabKeepsRunning()
    {
        await using var lab = await LabScratch.CreateAsync();
        await lab.UnderlayAsync();
        var node = await lab.NodeAsync("n1", 1);
        var other = new LabOwner("other-state-1", "/tmp/other-project");
        var sameRoot = new LocalLab(new HostCommandRunner(), new LabOptions(lab.Root), TimeProvider.System);
        var otherRoot = new LocalLab(new HostCommandRunner(), new LabOptions(lab.Root + "-other"), TimeProvider.System);
        var spec = new UnderlaySpec(lab.Stack, null, [], other);

        var refused = await Assert.ThrowsAsync<LabConflictException>(() => sameRoot.EnsureUnderlayAsync(spec, None));
        var unowned = await Assert.ThrowsAsync<LabConflictException>(() => otherRoot.EnsureUnderlayAsync(spec, None));
        await Assert.ThrowsAsync<LabConflictException>(() => sameRoot.EnsureNodeAsync(new LabNodeSpec(lab.Stack, "n1", node.Address, lab.Underlay!.Cidr, other.Id), None));
        Assert.False(await sameRoot.RemoveNodeAsync(lab.Stack, "n1", other.Id, None));
        Assert.False(await sameRoot.RemoveUnderlayAsync(lab.Stack, other.Id, None));
        Assert.Null(await sameRoot.FindOwnedNodeAsync(lab.Stack, "n1", other.Id, None));
        Assert.Null(await sameRoot.FindUnderlayAsync(lab.Stack, other.Id, None));

        Assert.Contains($"lab stack {lab.Stack} on this host belongs to another state: project {lab.Owner.Project} (owner {lab.Owner.Id}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("with no owner file", unowned.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(lab.Root + "-other"));
        var running = await lab.Lab.FindOwnedNodeAsync(lab.Stack, "n1", lab.Owner.Id, None);
        Assert.Equal(node.Holder, running!.Holder);
        Assert.True((await running.ExecAsync(Ping(lab.Underlay!.OperatorAddress), None)).Succeeded);
    }

    // A writer killed mid-stream closes the pipe: the node's shell sees the end of its input early. What arrived must not be
    // renamed into place (the next up would adopt an empty WireGuard configuration as written).
    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "sha256sum")]
    public async Task WriteFileAsync_ContentCutShort_FailsAndLeavesTheOldFile()
    {
        await using var lab = await LabScratch.CreateAsync();
        await lab.UnderlayAsync();
        var node = await lab.NodeAsync("n1", 1);
        await node.WriteFileAsync("/etc/kubedos/wg1.conf", "[Interface]\nListenPort = 51821\n", "0600", None);
        var cutting = new LocalLab(new CutStdinRunner(new HostCommandRunner()), new LabOptions(lab.Root), TimeProvider.System);
        var sameNode = await cutting.FindOwnedNodeAsync(lab.Stack, "n1", lab.Owner.Id, None) ?? throw new InvalidOperationException("n1 is not running");

        var cut = await Assert.ThrowsAsync<LabCommandException>(() => sameNode.WriteFileAsync("/etc/kubedos/wg1.conf", "[Interface]\nListenPort = 51899\n", "0600", None));

        Assert.Contains("arrived incomplete", cut.Message, StringComparison.Ordinal);
        Assert.Equal("[Interface]\nListenPort = 51821\n", await node.ReadFileAsync("/etc/kubedos/wg1.conf", None));
        Assert.Equal("wg1.conf\n", (await node.ExecCheckedAsync(None, "ls", "/etc/kubedos")).Stdout);
    }

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "wireguard-go", "wg")]
    public async Task RemoveNodeAsync_BusyNode_LeavesNothingBehind()
    {
        await using var lab = await LabScratch.CreateAsync();
        await lab.UnderlayAsync();
        var node = await lab.NodeAsync("n1", 1);
        await node.ExecCheckedAsync(None, "wireguard-go", "wg1");
        await node.ExecCheckedAsync(None, "sh", "-c", "sleep 600 >/dev/null 2>&1 &");
        await node.WriteFileAsync("/etc/kubedos/node.yaml", "name: n1\n", "0600", None);
        var pids = await Host(None, "ip", "netns", "pids", node.Namespace);
        Assert.True(pids.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 3, pids);
        Assert.True(Directory.Exists(node.StateDirectory));

        await lab.Lab.RemoveNodeAsync(lab.Stack, "n1", lab.Owner.Id, None);

        Assert.DoesNotContain(node.Namespace, await Host(None, "ip", "netns", "list"), StringComparison.Ordinal);
        Assert.DoesNotContain(lab.Names.NodePort("n1"), await Host(None, "ip", "-n", lab.Names.SwitchNamespace, "link"), StringComparison.Ordinal);
        foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Null(ProcessIdentity.Read(int.Parse(pid, CultureInfo.InvariantCulture)));
        }

        Assert.False(node.Holder.IsAlive());
        Assert.False(Directory.Exists(node.StateDirectory));
        Assert.False(File.Exists("/run/wireguard/wg1.sock"));
        Assert.DoesNotContain(node.StateDirectory, await File.ReadAllTextAsync("/proc/self/mountinfo"), StringComparison.Ordinal);
        Assert.DoesNotContain(node.StateDirectory, await Host(None, "sh", "-c", "cat /proc/[0-9]*/mountinfo 2>/dev/null | sort -u"), StringComparison.Ordinal);
        Assert.Null(await lab.Lab.FindNodeAsync(lab.Stack, "n1", None));
    }

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "ping")]
    public async Task EnsureUnderlayAsync_TwoStacksAtOnce_DoNotCollide()
    {
        await using var a = await LabScratch.CreateAsync();
        await using var b = await LabScratch.CreateAsync();
        await a.UnderlayAsync();
        await b.UnderlayAsync();
        var nodeA = await a.NodeAsync("n1", 1);
        var nodeB = await b.NodeAsync("n1", 1);

        Assert.NotEqual(nodeA.Namespace, nodeB.Namespace);
        Assert.NotEqual(nodeA.StateDirectory, nodeB.StateDirectory);
        Assert.True((await nodeA.ExecAsync(Ping(a.Underlay!.OperatorAddress), None)).Succeeded);
        Assert.True((await nodeB.ExecAsync(Ping(b.Underlay!.OperatorAddress), None)).Succeeded);
        Assert.False((await nodeA.ExecAsync(Ping(nodeB.Address), None)).Succeeded);

        await b.Lab.RemoveNodeAsync(b.Stack, "n1", b.Owner.Id, None);
        await b.Lab.RemoveUnderlayAsync(b.Stack, b.Owner.Id, None);

        Assert.True((await nodeA.ExecAsync(Ping(a.Underlay.OperatorAddress), None)).Succeeded);
    }

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt")]
    public async Task FallbackRoutes_WhileLabExists_CoverEveryLabCidrAndGoAfter()
    {
        await using var lab = await LabScratch.CreateAsync();
        var metric = lab.Names.FallbackMetric.ToString(CultureInfo.InvariantCulture);
        var underlay = await lab.UnderlayAsync("10.61.1.0/24", "10.61.2.0/24");
        await lab.NodeAsync("n1", 1);

        var routes = await Host(None, "ip", "-4", "route", "show", "type", "unreachable");
        foreach (var cidr in new[] { underlay.Cidr.ToString(), "10.61.1.0/24", "10.61.2.0/24" })
        {
            Assert.Contains($"unreachable {cidr} metric {metric}", routes, StringComparison.Ordinal);
        }

        var guard = await Host(None, "nft", "list", "table", "inet", "kubedos_lab_" + lab.Names.StackHash);
        Assert.Contains($"iifname \"{lab.Names.OperatorInterface}\" drop", guard, StringComparison.Ordinal);
        Assert.Contains($"oifname \"{lab.Names.OperatorInterface}\" drop", guard, StringComparison.Ordinal);

        var status = await new HostCommandRunner().RunAsync(HostCommand.Of(StatusScript(), lab.Stack), None);
        Assert.Equal(1, status.ExitCode);
        foreach (var part in new[] { "namespaces:", "operator links:", "fallback routes:", "forward guards:", "processes:" })
        {
            Assert.Contains(part, status.Stdout, StringComparison.Ordinal);
        }

        // A plane address has no real route yet: the host must refuse it, never send it out.
        var probe = await new HostCommandRunner().RunAsync(HostCommand.Of("ip", "-4", "route", "get", "10.61.2.9"), None);
        Assert.False(probe.Succeeded);
        Assert.Contains("No route to host", probe.Stderr, StringComparison.Ordinal);

        await lab.Lab.RemoveNodeAsync(lab.Stack, "n1", lab.Owner.Id, None);
        await lab.Lab.RemoveUnderlayAsync(lab.Stack, lab.Owner.Id, None);

        Assert.DoesNotContain($"metric {metric}", await Host(None, "ip", "-4", "route", "show", "type", "unreachable"), StringComparison.Ordinal);
        Assert.DoesNotContain(lab.Names.OperatorInterface, await Host(None, "ip", "link"), StringComparison.Ordinal);
        Assert.DoesNotContain("kubedos_lab_" + lab.Names.StackHash, await Host(None, "nft", "list", "tables"), StringComparison.Ordinal);
        var after = await new HostCommandRunner().RunAsync(HostCommand.Of(StatusScript(), lab.Stack), None);
        Assert.Equal(0, after.ExitCode);
        Assert.Equal(string.Empty, after.Stdout);
        Assert.DoesNotContain(lab.Names.SwitchNamespace, await Host(None, "ip", "netns", "list"), StringComparison.Ordinal);
    }

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt")]
    public async Task RemoveUnderlayAsync_NodesLeftBehind_RemovesThemToo()
    {
        await using var lab = await LabScratch.CreateAsync();
        await lab.UnderlayAsync();
        var a = await lab.NodeAsync("n1", 1);
        var b = await lab.NodeAsync("n2", 2);

        Assert.Equal(["n1", "n2"], await lab.Lab.ListNodesAsync(lab.Stack, None));
        await lab.Lab.RemoveUnderlayAsync(lab.Stack, lab.Owner.Id, None);

        Assert.DoesNotContain($"kd.{lab.Stack}.", await Host(None, "ip", "netns", "list"), StringComparison.Ordinal);
        Assert.False(a.Holder.IsAlive());
        Assert.False(b.Holder.IsAlive());
        Assert.False(Directory.Exists(lab.Lab.Options.StackDirectory(lab.Stack)));
        Assert.Empty(await lab.Lab.ListNodesAsync(lab.Stack, None));
    }

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt")]
    public async Task EnsureNodeAsync_AfterHolderKilled_ConvergesWithNoOrphans()
    {
        await using var lab = await LabScratch.CreateAsync();
        await lab.UnderlayAsync();
        var node = await lab.NodeAsync("n1", 1);
        await node.WriteFileAsync("/var/lib/kubedos/identity", "the old machine's", "0600", None);
        await node.ExecCheckedAsync(None, "sh", "-c", "sleep 600 >/dev/null 2>&1 &");
        var orphan = int.Parse(
            (await node.ExecCheckedAsync(None, "sh", "-c", "pgrep -n -x sleep -P 1 || pgrep -n -f 'sleep 600'")).Stdout.Trim(),
            CultureInfo.InvariantCulture);
        await Host(None, "kill", "-9", node.Holder.Pid.ToString(CultureInfo.InvariantCulture));
        // kill returns once the signal is sent; the holder is gone a moment later.
        for (var waited = 0; waited < 100 && node.Holder.IsAlive(); waited++)
        {
            await Task.Delay(20);
        }

        Assert.Null(await lab.Lab.FindNodeAsync(lab.Stack, "n1", None));

        var again = await lab.NodeAsync("n1", 1);

        Assert.NotEqual(node.Holder, again.Holder);
        Assert.NotEqual(node.Instance, again.Instance);
        Assert.Equal(again.Instance, (await lab.Lab.FindNodeAsync(lab.Stack, "n1", None))!.Instance);
        Assert.Null(await again.ReadFileAsync("/var/lib/kubedos/identity", None));
        Assert.Null(ProcessIdentity.Read(orphan));
        Assert.Equal("n1\n", (await again.ExecCheckedAsync(None, "hostname")).Stdout);
        Assert.Equal(again.Address, (await lab.Lab.FindNodeAsync(lab.Stack, "n1", None))!.Address);
    }

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt")]
    public async Task EnsureNodeAsync_HolderRecordLost_ReplacesHolderWithoutOrphans()
    {
        await using var lab = await LabScratch.CreateAsync();
        await lab.UnderlayAsync();
        var node = await lab.NodeAsync("n1", 1);
        File.Delete(Path.Combine(node.StateDirectory, "holder.pid"));

        var again = await lab.NodeAsync("n1", 1);

        Assert.NotEqual(node.Holder, again.Holder);
        Assert.False(node.Holder.IsAlive());
        Assert.Equal(
            again.Holder.Pid.ToString(CultureInfo.InvariantCulture),
            (await Host(None, "ip", "netns", "pids", again.Namespace)).Trim());
    }

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "ping")]
    public async Task EnsureNodeAsync_NewAddress_ReplacesTheOldOne()
    {
        await using var lab = await LabScratch.CreateAsync();
        await lab.UnderlayAsync();
        var node = await lab.NodeAsync("n1", 1);

        var moved = await lab.NodeAsync("n1", 5);
        var addresses = await moved.ExecCheckedAsync(None, "ip", "-4", "-o", "addr", "show", "dev", "eth0");

        Assert.Equal(node.Holder, moved.Holder);
        Assert.Contains($"inet {moved.Address}/24", addresses.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain($"inet {node.Address}/", addresses.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 received", await Host(None, "ping", "-c", "1", "-W", "2", moved.Address.ToString()), StringComparison.Ordinal);
    }

    // A node failed out of band and made again answers at once: its underlay MAC is the one the host's neighbour entry
    // still names (a random one left the entry pointing at a gone port, and WireGuard handshakes timed out meanwhile).
    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "ping")]
    public async Task EnsureNodeAsync_MadeAgainAfterItsNamespaceWentAway_KeepsItsMacAndAnswersAtOnce()
    {
        await using var lab = await LabScratch.CreateAsync();
        await lab.UnderlayAsync();
        var node = await lab.NodeAsync("n1", 1);
        Assert.Contains("1 received", await Host(None, "ping", "-c", "1", "-W", "2", node.Address.ToString()), StringComparison.Ordinal);
        var neighbour = await Host(None, "ip", "neigh", "show", node.Address.ToString());
        Assert.Contains($"lladdr {lab.Names.NodeMac("n1")} ", neighbour, StringComparison.Ordinal);

        await Host(None, "sh", "-c", $"kill -KILL $(ip netns pids {node.Namespace}); ip netns delete {node.Namespace}");
        var again = await lab.NodeAsync("n1", 1);

        Assert.Contains(lab.Names.NodeMac("n1"), (await again.ExecCheckedAsync(None, "ip", "-o", "link", "show", "dev", "eth0")).Stdout, StringComparison.Ordinal);
        Assert.Contains("1 received", await Host(None, "ping", "-c", "1", "-W", "1", again.Address.ToString()), StringComparison.Ordinal);
    }

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt")]
    public async Task Nodes_PrivateFilesAndHostname_AreNotShared()
    {
        await using var lab = await LabScratch.CreateAsync();
        await lab.UnderlayAsync();
        var a = await lab.NodeAsync("n1", 1);
        var b = await lab.NodeAsync("n2", 2);

        await a.WriteFileAsync("/etc/kubedos/secret", "only-a", "0600", None);
        await a.WriteFileAsync("/var/lib/kubedos/state", "a-state", "0644", None);
        await a.WriteFileAsync("/run/wireguard/marker", "a-run", "0644", None);

        Assert.Equal("only-a", await a.ReadFileAsync("/etc/kubedos/secret", None));
        Assert.Null(await b.ReadFileAsync("/etc/kubedos/secret", None));
        Assert.Null(await b.ReadFileAsync("/var/lib/kubedos/state", None));
        Assert.Null(await b.ReadFileAsync("/run/wireguard/marker", None));
        Assert.False(File.Exists("/etc/kubedos/secret"));
        Assert.False(File.Exists("/run/wireguard/marker"));
        Assert.Null(await b.ReadFileAsync(Path.Combine(a.StateDirectory, "etc-upper", "kubedos", "secret"), None));
        Assert.Equal("-rw------- only-a", (await a.ExecCheckedAsync(None, "sh", "-c", "printf '%s ' \"$(stat -c %A /etc/kubedos/secret)\"; cat /etc/kubedos/secret")).Stdout);
        Assert.Equal("n2\n", (await b.ExecCheckedAsync(None, "hostname")).Stdout);
        Assert.NotEqual("n1", Environment.MachineName);
    }

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "sysctl")]
    public async Task NetworkSysctl_SetInNode_StaysInNode()
    {
        await using var lab = await LabScratch.CreateAsync();
        await lab.UnderlayAsync();
        var node = await lab.NodeAsync("n1", 1);
        var hostBefore = await Host(None, "sysctl", "-n", "net.ipv4.conf.all.rp_filter");
        var wanted = hostBefore.Trim() == "1" ? "2" : "1";

        await node.ExecCheckedAsync(None, "sysctl", "-w", "net.ipv4.conf.all.rp_filter=" + wanted);

        Assert.Equal(wanted + "\n", (await node.ExecCheckedAsync(None, "sysctl", "-n", "net.ipv4.conf.all.rp_filter")).Stdout);
        Assert.Equal(hostBefore, await Host(None, "sysctl", "-n", "net.ipv4.conf.all.rp_filter"));
    }

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt")]
    public async Task ExecAsync_StdinEnvironmentAndExitCode_PassThrough()
    {
        await using var lab = await LabScratch.CreateAsync();
        await lab.UnderlayAsync();
        var node = await lab.NodeAsync("n1", 1);

        var result = await node.ExecAsync(
            new NodeInvocation(["sh", "-c", "cat; printf ' %s' \"$GREETING\"; exit 7"])
            {
                Stdin = "from-stdin"u8.ToArray(),
                Environment = new Dictionary<string, string> { ["GREETING"] = "hello" },
            },
            None);
        var slow = await node.ExecAsync(NodeInvocation.Of("sleep", "30") with { Timeout = TimeSpan.FromMilliseconds(300) }, None);

        Assert.Equal(7, result.ExitCode);
        Assert.Equal("from-stdin hello", result.Stdout);
        Assert.True(slow.TimedOut);
        Assert.False(slow.Succeeded);
        var failed = await Assert.ThrowsAsync<LabCommandException>(() => node.ExecCheckedAsync(None, "sh", "-c", "echo nope >&2; exit 5"));
        Assert.Equal($"on node {node.Namespace}: `sh -c 'echo nope >&2; exit 5'` exited with 5: nope", failed.Message);
    }

    private static string StatusScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var script = Path.Combine(directory.FullName, "scripts", "lab", "lab-status.sh");
            if (File.Exists(script))
            {
                return script;
            }
        }

        throw new FileNotFoundException("scripts/lab/lab-status.sh not found above the test binaries");
    }

    internal static NodeInvocation Ping(IPAddress address) =>
        NodeInvocation.Of("ping", "-c", "1", "-W", "2", address.ToString());

    internal static async Task<string> Host(CancellationToken cancellationToken, string program, params string[] arguments)
    {
        var result = await new HostCommandRunner().RunAsync(HostCommand.Of(program, arguments), cancellationToken);
        return result.Succeeded ? result.Stdout : throw new LabCommandException(HostCommand.Of(program, arguments), result);
    }

    /// <summary>Hands programs half of their stdin, as a writer killed mid-stream would.</summary>
    private sealed class CutStdinRunner(ICommandRunner inner) : ICommandRunner
    {
        public Task<ProcessResult> RunAsync(HostCommand command, CancellationToken cancellationToken) =>
            inner.RunAsync(command.Stdin is { Length: > 1 } stdin ? command with { Stdin = stdin[..(stdin.Length / 2)] } : command, cancellationToken);
    }
}
