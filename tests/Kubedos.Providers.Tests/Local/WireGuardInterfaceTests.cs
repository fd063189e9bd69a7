using System.Globalization;
using Kubedos.Providers.Local;
using Kubedos.Testing;

namespace Kubedos.Providers.Tests.Local;

[Collection(LabCollection.Name)]
public sealed class WireGuardInterfaceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "wireguard-go", "wg", "ping")]
    public async Task EnsureAsync_TwoNodes_TunnelWorksAndSecondCallAdopts()
    {
        await using var lab = await LabScratch.CreateAsync();
        await lab.UnderlayAsync("10.64.0.0/24");
        var a = await lab.NodeAsync("n1", 1);
        var b = await lab.NodeAsync("n2", 2);

        var kindA = await WireGuardInterface.EnsureAsync(a, "wg1", None);
        var kindB = await WireGuardInterface.EnsureAsync(b, "wg1", None);
        var linkBefore = await IfIndexAsync(a);
        var again = await WireGuardInterface.EnsureAsync(a, "wg1", None);
        await ConfigureAsync(a, b, "10.64.0.1", "10.64.0.2");

        var ping = await a.ExecAsync(NodeInvocation.Of("ping", "-c", "2", "-W", "3", "10.64.0.2"), None);

        Assert.Equal(kindA, kindB);
        Assert.Equal(kindA, again);
        Assert.Equal(linkBefore, await IfIndexAsync(a));
        Assert.True(ping.Succeeded, ping.Stdout + ping.Stderr);
        Assert.Equal(await KernelHasWireGuardAsync() ? WireGuardImplementation.Kernel : WireGuardImplementation.Userspace, kindA);
    }

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "wireguard-go", "wg")]
    public async Task EnsureAsync_DaemonKilled_StartsOverAndRemoveLeavesNothing()
    {
        if (await KernelHasWireGuardAsync())
        {
            return; // No daemon to kill where the kernel carries WireGuard.
        }

        await using var lab = await LabScratch.CreateAsync();
        await lab.UnderlayAsync();
        var node = await lab.NodeAsync("n1", 1);
        await WireGuardInterface.EnsureAsync(node, "wg1", None);
        var daemon = int.Parse(
            (await node.ReadFileAsync("/run/kubedos/processes/wireguard-go-wg1.pid", None))!, CultureInfo.InvariantCulture);
        await LocalLabTests.Host(None, "kill", "-9", daemon.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < 100 && ProcessIdentity.Read(daemon) is not null; i++)
        {
            await Task.Delay(20);
        }

        Assert.Null(await WireGuardInterface.FindAsync(node, "wg1", None));
        Assert.Equal(WireGuardImplementation.Userspace, await WireGuardInterface.EnsureAsync(node, "wg1", None));
        var restarted = int.Parse(
            (await node.ReadFileAsync("/run/kubedos/processes/wireguard-go-wg1.pid", None))!, CultureInfo.InvariantCulture);
        Assert.NotEqual(daemon, restarted);
        Assert.Equal("wireguard-go", ProcessIdentity.Read(restarted)?.Command);

        await WireGuardInterface.RemoveAsync(node, "wg1", None);

        Assert.Null(await WireGuardInterface.FindAsync(node, "wg1", None));
        Assert.Null(ProcessIdentity.Read(restarted));
        Assert.False((await node.ExecAsync(NodeInvocation.Of("test", "-e", "/run/wireguard/wg1.sock"), None)).Succeeded);
        Assert.False((await node.ExecAsync(NodeInvocation.Of("ip", "link", "show", "dev", "wg1"), None)).Succeeded);
    }

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "wireguard-go", "wg")]
    public async Task EnsureAsync_DaemonAliveButNotAnswering_IsStoppedBeforeANewOneTakesItsPort()
    {
        if (await KernelHasWireGuardAsync())
        {
            return; // No daemon where the kernel carries WireGuard.
        }

        await using var lab = await LabScratch.CreateAsync();
        await lab.UnderlayAsync();
        var node = await lab.NodeAsync("n1", 1);
        await WireGuardInterface.EnsureAsync(node, "wg1", None);
        await node.ExecCheckedAsync(None, "wg", "set", "wg1", "listen-port", "51821");
        var daemon = int.Parse(
            (await node.ReadFileAsync("/run/kubedos/processes/wireguard-go-wg1.pid", None))!, CultureInfo.InvariantCulture);

        // Stopped (a starved process looks the same from outside) and its socket gone: it no longer answers, and it does not
        // exit when its TUN device goes, so it stays bound to the plane's port.
        await LocalLabTests.Host(None, "kill", "-STOP", daemon.ToString(CultureInfo.InvariantCulture));
        await node.ExecCheckedAsync(None, "rm", "-f", "/run/wireguard/wg1.sock");
        Assert.Null(await WireGuardInterface.FindAsync(node, "wg1", None));
        Assert.NotNull(ProcessIdentity.Read(daemon));

        Assert.Equal(WireGuardImplementation.Userspace, await WireGuardInterface.EnsureAsync(node, "wg1", None));

        Assert.Null(ProcessIdentity.Read(daemon));
        var port = await node.ExecAsync(NodeInvocation.Of("wg", "set", "wg1", "listen-port", "51821"), None);
        Assert.True(port.Succeeded, port.Stderr);
        await WireGuardInterface.RemoveAsync(node, "wg1", None);
    }

    private static async Task<int> IfIndexAsync(LabNode node)
    {
        var shown = await node.ExecCheckedAsync(None, "ip", "-j", "link", "show", "dev", "wg1");
        using var json = System.Text.Json.JsonDocument.Parse(shown.Stdout);
        return json.RootElement[0].GetProperty("ifindex").GetInt32();
    }

    private static async Task<bool> KernelHasWireGuardAsync()
    {
        var probe = await new HostCommandRunner().RunAsync(HostCommand.Of("sh", "-c", "grep -qw wireguard /proc/modules || [ -d /sys/module/wireguard ]"), None);
        return probe.Succeeded;
    }

    private static async Task ConfigureAsync(LabNode a, LabNode b, string addressA, string addressB)
    {
        var keyA = (await a.ExecCheckedAsync(None, "wg", "genkey")).Stdout.Trim();
        var keyB = (await b.ExecCheckedAsync(None, "wg", "genkey")).Stdout.Trim();
        var publicA = (await a.ExecCheckedAsync(new NodeInvocation(["wg", "pubkey"]) { Stdin = System.Text.Encoding.ASCII.GetBytes(keyA + "\n") }, None)).Stdout.Trim();
        var publicB = (await b.ExecCheckedAsync(new NodeInvocation(["wg", "pubkey"]) { Stdin = System.Text.Encoding.ASCII.GetBytes(keyB + "\n") }, None)).Stdout.Trim();
        foreach (var (node, key, address, peer, peerNode, peerAddress) in new[]
                 {
                     (a, keyA, addressA, publicB, b, addressB),
                     (b, keyB, addressB, publicA, a, addressA),
                 })
        {
            await node.WriteFileAsync("/etc/wireguard/wg1.key", key + "\n", "0600", None);
            await node.ExecCheckedAsync(
                None, "wg", "set", "wg1", "private-key", "/etc/wireguard/wg1.key", "listen-port", "51820",
                "peer", peer, "allowed-ips", peerAddress + "/32", "endpoint", peerNode.Address + ":51820");
            await node.ExecCheckedAsync(None, "ip", "address", "add", address + "/24", "dev", "wg1");
            await node.ExecCheckedAsync(None, "ip", "link", "set", "wg1", "up");
        }
    }
}
