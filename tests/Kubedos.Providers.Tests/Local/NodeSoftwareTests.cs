using Kubedos.Providers.Local;
using Kubedos.Testing;

namespace Kubedos.Providers.Tests.Local;

/// <summary>Real software on lab nodes: ping, wireguard-go, nftables and sshd.</summary>
[Collection(LabCollection.Name)]
public sealed class NodeSoftwareTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "ping")]
    public async Task TwoNodes_OnOneUnderlay_PingEachOther()
    {
        await using var lab = await LabScratch.CreateAsync();
        await lab.UnderlayAsync();
        var a = await lab.NodeAsync("n1", 1);
        var b = await lab.NodeAsync("n2", 2);

        var there = await a.ExecAsync(LocalLabTests.Ping(b.Address), None);
        var back = await b.ExecAsync(LocalLabTests.Ping(a.Address), None);

        Assert.True(there.Succeeded, there.Stdout + there.Stderr);
        Assert.True(back.Succeeded, back.Stdout + back.Stderr);
        Assert.Contains("1 received", there.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 received", await LocalLabTests.Host(None, "ping", "-c", "1", "-W", "2", b.Address.ToString()), StringComparison.Ordinal);
    }

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "ping", "wireguard-go", "wg")]
    public async Task WireGuardGo_Wg1InEachNode_PingsAcrossTheTunnel()
    {
        await using var lab = await LabScratch.CreateAsync();
        await lab.UnderlayAsync("10.62.0.0/24");
        var a = await lab.NodeAsync("n1", 1);
        var b = await lab.NodeAsync("n2", 2);
        var keyA = (await LocalLabTests.Host(None, "wg", "genkey")).Trim();
        var keyB = (await LocalLabTests.Host(None, "wg", "genkey")).Trim();

        await StartWg1Async(a, keyA, "10.62.0.1", await PublicKeyAsync(keyB), b.Address + ":51820", "10.62.0.2/32");
        await StartWg1Async(b, keyB, "10.62.0.2", await PublicKeyAsync(keyA), a.Address + ":51820", "10.62.0.1/32");

        var ping = await a.ExecAsync(NodeInvocation.Of("ping", "-c", "2", "-W", "3", "10.62.0.2"), None);
        var handshake = await b.ExecCheckedAsync(None, "wg", "show", "wg1", "latest-handshakes");
        var sockets = await b.ExecCheckedAsync(None, "ls", "/var/run/wireguard");

        Assert.True(ping.Succeeded, ping.Stdout + ping.Stderr);
        Assert.DoesNotMatch(@"\t0\n", handshake.Stdout);
        Assert.Equal("wg1.sock\n", sockets.Stdout);
    }

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "nc")]
    public async Task Nftables_DefaultDenyInbound_BlocksClosedPortAndAdmitsAllowedOne()
    {
        await using var lab = await LabScratch.CreateAsync();
        await lab.UnderlayAsync();
        var client = await lab.NodeAsync("n1", 1);
        var server = await lab.NodeAsync("n2", 2);
        await server.ExecCheckedAsync(None, "sh", "-c", "nc -lk 8080 >/dev/null 2>&1 & nc -lk 9090 >/dev/null 2>&1 &");

        // The listeners start in the background: wait until both listen, or the first probe races them.
        await server.ExecCheckedAsync(None, "sh", "-c",
            "for i in $(seq 100); do ss -Hltn | grep -q ':8080 ' && ss -Hltn | grep -q ':9090 ' && exit 0; sleep 0.05; done; echo 'the listeners never listened' >&2; exit 1");
        var target = server.Address.ToString();
        Assert.True((await Probe(client, target, "9090")).Succeeded, "the listener must answer before the firewall goes up");

        await server.WriteFileAsync("/etc/nftables.conf", """
            flush ruleset
            table inet filter {
              chain input {
                type filter hook input priority filter; policy drop;
                iif lo accept
                ct state established,related accept
                tcp dport 8080 accept
              }
            }

            """, "0644", None);
        await server.ExecCheckedAsync(None, "nft", "-f", "/etc/nftables.conf");

        Assert.True((await Probe(client, target, "8080")).Succeeded);
        Assert.False((await Probe(client, target, "9090")).Succeeded);
        Assert.DoesNotContain("dport 8080", await LocalLabTests.Host(None, "nft", "list", "ruleset"), StringComparison.Ordinal);
    }

    [LabFact("ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "sshd", "ssh", "ssh-keygen", "useradd")]
    public async Task Sshd_KeyOnly_AcceptsPinnedKeyLoginAndRefusesPassword()
    {
        await using var lab = await LabScratch.CreateAsync();
        await lab.UnderlayAsync();
        var client = await lab.NodeAsync("n1", 1);
        var server = await lab.NodeAsync("n2", 2);
        var target = server.Address.ToString();

        await server.ExecCheckedAsync(None, "useradd", "--create-home", "--shell", "/bin/sh", "ops");
        // No usable password, yet not locked: sshd without PAM refuses locked accounts even with a key.
        await server.ExecCheckedAsync(None, "usermod", "-p", "*", "ops");
        await server.ExecCheckedAsync(None, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "/etc/ssh/lab_host_ed25519_key");
        await server.WriteFileAsync("/etc/ssh/sshd_lab_config", $"""
            ListenAddress {target}
            HostKey /etc/ssh/lab_host_ed25519_key
            PidFile /run/sshd-lab.pid
            UsePAM no
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin no
            AllowUsers ops
            AuthorizedKeysFile .ssh/authorized_keys

            """, "0600", None);
        await client.ExecCheckedAsync(None, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "/root/.ssh/id_ed25519");
        var clientKey = await client.ReadFileAsync("/root/.ssh/id_ed25519.pub", None);
        await server.WriteFileAsync("/home/ops/.ssh/authorized_keys", System.Text.Encoding.UTF8.GetBytes(clientKey!), "0600", "ops:ops", None);
        Assert.Equal("ops:ops 600\n", (await server.ExecCheckedAsync(None, "stat", "-c", "%U:%G %a", "/home/ops/.ssh/authorized_keys")).Stdout);
        var hostKey = await server.ReadFileAsync("/etc/ssh/lab_host_ed25519_key.pub", None);
        await client.WriteFileAsync("/root/.ssh/pinned_known_hosts", $"{target} {hostKey}", "0644", None);
        await server.ExecCheckedAsync(None, "/usr/sbin/sshd", "-f", "/etc/ssh/sshd_lab_config");

        await client.WriteFileAsync("/root/.ssh/wrong_known_hosts", $"{target} {clientKey}", "0644", None);

        var login = await client.ExecAsync(Ssh("/root/.ssh/pinned_known_hosts", "-i", "/root/.ssh/id_ed25519", "ops@" + target, "hostname"), None);
        var password = await client.ExecAsync(
            Ssh("/root/.ssh/pinned_known_hosts", "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password,keyboard-interactive", "ops@" + target, "true"), None);

        var impostor = await client.ExecAsync(
            Ssh("/root/.ssh/wrong_known_hosts", "-i", "/root/.ssh/id_ed25519", "ops@" + target, "true"), None);

        Assert.True(login.Succeeded, login.Stderr);
        Assert.False(impostor.Succeeded);
        Assert.Contains("Host key verification failed", impostor.Stderr, StringComparison.Ordinal);
        Assert.Equal("n2\n", login.Stdout);
        Assert.False(password.Succeeded);
        Assert.Contains("Permission denied (publickey)", password.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists("/home/ops/.ssh/authorized_keys"));
        Assert.DoesNotContain("ops:", await File.ReadAllTextAsync("/etc/passwd"), StringComparison.Ordinal);
    }

    // ssh keeps the first value of an option, so the known-hosts file is fixed here, per call.
    private static NodeInvocation Ssh(string knownHosts, params string[] arguments) =>
        new NodeInvocation([
            "ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
            "-o", "UserKnownHostsFile=" + knownHosts, "-o", "ConnectTimeout=5", .. arguments])
        {
            Timeout = TimeSpan.FromSeconds(20),
        };

    private static Task<ProcessResult> Probe(LabNode client, string address, string port) =>
        client.ExecAsync(NodeInvocation.Of("nc", "-z", "-w", "2", address, port), None);

    private static async Task<string> PublicKeyAsync(string privateKey)
    {
        var result = await new HostCommandRunner().RunAsync(
            HostCommand.Of("wg", "pubkey") with { Stdin = System.Text.Encoding.ASCII.GetBytes(privateKey + "\n") }, None);
        return result.Stdout.Trim();
    }

    private static async Task StartWg1Async(LabNode node, string privateKey, string address, string peerKey, string endpoint, string allowed)
    {
        await node.ExecCheckedAsync(None, "wireguard-go", "wg1");
        await node.WriteFileAsync("/etc/wireguard/wg1.conf", $"""
            [Interface]
            PrivateKey = {privateKey}
            ListenPort = 51820

            [Peer]
            PublicKey = {peerKey}
            AllowedIPs = {allowed}
            Endpoint = {endpoint}

            """, "0600", None);
        await node.ExecCheckedAsync(None, "wg", "setconf", "wg1", "/etc/wireguard/wg1.conf");
        await node.ExecCheckedAsync(None, "ip", "address", "add", address + "/24", "dev", "wg1");
        await node.ExecCheckedAsync(None, "ip", "link", "set", "wg1", "up");
    }
}
