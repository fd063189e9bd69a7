using System.Globalization;

namespace Kubedos.Providers.Local;

/// <summary>
/// WireGuard interfaces on lab nodes: kernel WireGuard where the kernel has it, <c>wireguard-go</c>
/// otherwise. Keys, peers and addresses are then set with <c>wg</c> and <c>ip</c> the same way for both.
/// </summary>
/// <remarks>
/// A userspace interface's UAPI socket lives in the node's private /run/wireguard, so every node can
/// have its own wg1. The <c>wireguard-go</c> process runs in the foreground as node process
/// <c>wireguard-go-NAME</c>, so it is tracked and logged like any other.
/// </remarks>
public static class WireGuardInterface
{
    /// <summary>Creates the interface on the node, or adopts a working one; returns what carries it.</summary>
    public static async Task<WireGuardImplementation> EnsureAsync(LabNode node, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        CheckInterfaceName(name);
        var present = await FindAsync(node, name, cancellationToken);
        if (present is { } found)
        {
            return found;
        }

        // A TUN device without its daemon (killed) is a dead interface: start over. A daemon that is still there but did not
        // answer in time (a loaded machine) is stopped first: alive, it holds the plane's UDP port, and the new daemon's
        // `wg setconf` would fail with "Address already in use".
        await RemoveAsync(node, name, cancellationToken);
        var kernel = await node.ExecAsync(NodeInvocation.Of("ip", "link", "add", "dev", name, "type", "wireguard"), cancellationToken);
        if (kernel.Succeeded)
        {
            return WireGuardImplementation.Kernel;
        }

        // Readiness is the UAPI socket answering (polled below), not a fixed wait.
        await node.StartProcessAsync(ProcessName(name), ["wireguard-go", "-f", name], null, TimeSpan.Zero, cancellationToken);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await FindAsync(node, name, cancellationToken) is { } started)
            {
                return started;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }

        var log = await node.ReadFileAsync($"/var/log/kubedos/{ProcessName(name)}.log", cancellationToken);
        throw new LabCommandException($"wireguard-go did not bring up {name} on node {node.Name}: {log?.Trim()}");
    }

    /// <summary>The implementation of a working interface, or null when there is none (or its daemon died).</summary>
    public static async Task<WireGuardImplementation?> FindAsync(LabNode node, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        CheckInterfaceName(name);
        var shown = await node.ExecAsync(NodeInvocation.Of("ip", "-d", "-j", "link", "show", "dev", name), cancellationToken);
        if (!shown.Succeeded)
        {
            return null;
        }

        var kind = IpJson.Array(shown.Stdout)
            .Select(l => l.TryGetProperty("linkinfo", out var info) && info.TryGetProperty("info_kind", out var k) ? k.GetString() : null)
            .FirstOrDefault();
        if (kind == "wireguard")
        {
            return WireGuardImplementation.Kernel;
        }

        // A TUN device (or a socket file) can outlive a killed daemon for a moment; only an answer on the UAPI socket counts.
        var answer = kind == "tun" ? await node.ExecAsync(NodeInvocation.Of("wg", "show", name, "listen-port"), cancellationToken) : null;
        return answer is { Succeeded: true } ? WireGuardImplementation.Userspace : null;
    }

    /// <summary>Removes the interface and stops its <c>wireguard-go</c>, if any; its UAPI socket goes with it.</summary>
    public static async Task RemoveAsync(LabNode node, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        CheckInterfaceName(name);
        await node.ExecAsync(NodeInvocation.Of("ip", "link", "del", "dev", name), cancellationToken);
        var pidText = await node.ReadFileAsync($"/run/kubedos/processes/{ProcessName(name)}.pid", cancellationToken);
        if (int.TryParse(pidText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
            && ProcessIdentity.Read(pid) is { Command: "wireguard-go" } daemon)
        {
            await node.StopProcessAsync(daemon, cancellationToken);
        }

        await node.ExecCheckedAsync(cancellationToken, "rm", "-f", $"/run/wireguard/{name}.sock", $"/run/kubedos/processes/{ProcessName(name)}.pid");
    }

    private static string ProcessName(string name) => "wireguard-go-" + name;

    private static void CheckInterfaceName(string name)
    {
        if (!LabNames.IsName(name) || name.Length > 15)
        {
            throw new ArgumentException($"WireGuard interface name '{name}' must be a lowercase label of at most 15 characters", nameof(name));
        }
    }
}
