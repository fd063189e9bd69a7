namespace Kubedos.Providers.Local;

/// <summary>The script the node's holder process runs: it makes the node's private world, then sleeps.</summary>
/// <remarks>
/// It runs as <c>ip netns exec NS setsid -f unshare --uts --mount --propagation private -- sh -c SCRIPT</c>,
/// so it owns a fresh hostname and mount namespace inside the node's network namespace. The state
/// directory is first bound onto the private /run, so later mounts (a private /tmp may hide the lab
/// root) still reach it. The PID is written through a descriptor opened before the lab root is masked.
/// </remarks>
internal static class NodeHolder
{
    /// <summary>The state subdirectories, each mounted on the node path next to it.</summary>
    public static readonly IReadOnlyList<(string Directory, string MountPoint)> Binds =
    [
        ("var-lib-kubedos", "/var/lib/kubedos"),
        ("root", "/root"),
        ("home", "/home"),
        ("log", "/var/log"),
        ("tmp", "/tmp"),
    ];

    /// <summary>The overlay's upper and work directories for /etc.</summary>
    public static readonly IReadOnlyList<string> OverlayDirectories = ["etc-upper", "etc-work"];

    /// <summary>Arguments: $1 state directory, $2 lab root, $3 hostname.</summary>
    public const string Script = """
        set -eu
        st=$1 labroot=$2
        exec </dev/null >>"$st/holder.log" 2>&1
        exec 3>"$st/holder.pid.new"
        hostname "$3"
        mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run
        mkdir -p /run/wireguard /run/sshd /run/lock /run/kubedos-state
        mount --bind "$st" /run/kubedos-state
        s=/run/kubedos-state
        mount -t overlay overlay -o "lowerdir=/etc,upperdir=$s/etc-upper,workdir=$s/etc-work" /etc
        mkdir -p /etc/kubedos
        printf '%s\n' "$3" >/etc/hostname
        mount --bind "$s/var-lib-kubedos" /var/lib/kubedos
        mount --bind "$s/root" /root
        mount --bind "$s/home" /home
        mount --bind "$s/log" /var/log
        mount --bind "$s/tmp" /tmp
        if [ -d "$labroot" ]; then mount -t tmpfs -o ro,mode=0755 tmpfs "$labroot"; fi
        umount "$s"
        rmdir "$s"
        echo $$ >&3
        exec 3>&-
        exec sleep infinity
        """;
}
