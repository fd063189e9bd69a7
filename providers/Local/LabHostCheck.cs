namespace Kubedos.Providers.Local;

/// <summary>
/// What this machine lacks to run a local lab, said before anything is touched, each with the fix.
/// </summary>
public static class LabHostCheck
{
    /// <summary>The programs the lab runs on the host or inside nodes.</summary>
    public static readonly IReadOnlyList<string> Programs =
        ["ip", "nft", "nsenter", "unshare", "setsid", "findmnt", "wg", "wireguard-go", "sshd", "ssh-keygen", "useradd"];

    private const string Fix = "run scripts/install-host-deps.sh as root";

    /// <summary>Every problem found; empty when the lab can run.</summary>
    /// <param name="runner">Runs the probes (<c>id -u</c>, reading /proc/filesystems).</param>
    /// <param name="programExists">Whether a program is installed (by default: found on PATH or in the sbin folders).</param>
    /// <param name="cancellationToken">Cancels the probes.</param>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(
        ICommandRunner runner, Func<string, bool>? programExists, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        if (!OperatingSystem.IsLinux())
        {
            return ["the local lab needs Linux (network namespaces)"];
        }

        programExists ??= program => HostCommandRunner.Resolve(program) is var path && path.StartsWith('/') && File.Exists(path);
        var problems = new List<string>();
        var uid = await runner.RunAsync(HostCommand.Of("id", "-u"), cancellationToken);
        if (uid.Stdout.Trim() != "0")
        {
            problems.Add("the local lab needs root (network namespaces, routes, nftables); run kubedos as root");
        }

        var missing = Programs.Where(p => !programExists(p)).ToArray();
        if (missing.Length > 0)
        {
            problems.Add($"missing programs: {string.Join(", ", missing)}; {Fix}");
        }

        var filesystems = await runner.RunAsync(HostCommand.Of("cat", "/proc/filesystems"), cancellationToken);
        if (!filesystems.Stdout.Split('\n').Any(l => l.Split('\t').LastOrDefault()?.Trim() == "overlay"))
        {
            problems.Add("overlayfs is unavailable (lab nodes get a private /etc through it); load it with `modprobe overlay`");
        }

        var tun = await runner.RunAsync(HostCommand.Of("test", "-c", "/dev/net/tun"), cancellationToken);
        if (!tun.Succeeded)
        {
            problems.Add("/dev/net/tun is missing (wireguard-go needs it where the kernel lacks WireGuard); load it with `modprobe tun`");
        }

        return problems;
    }
}
