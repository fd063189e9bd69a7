namespace Kubedos.Providers.Local;

/// <summary>The script the node's holder process runs: it makes the node's private world, then sleeps.</summary>
/// <remarks>
/// It runs as <c>ip netns exec NS setsid -f unshare --uts --mount --propagation private -- sh -c SCRIPT</c>,
/// so it owns a fresh hostname and mount namespace inside the node's network namespace. The state
/// directory is first bound onto the private /run, so later mounts (a private /tmp may hide the lab
/// root) still reach it. The PID is written through a descriptor opened before the lab root is masked.
/// A node made from an image (a fourth argument: the unpacked rootfs) pivots its mount namespace into an overlay
/// whose lower layer is that tree and whose upper layer is the node's own (<c>root-upper</c>): every program on the
/// node is then the image's, and the host's file system is out of its reach (only /dev and /sys are the host's).
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

    /// <summary>The overlay's upper and work directories for /etc (a node on the host's files).</summary>
    public static readonly IReadOnlyList<string> OverlayDirectories = ["etc-upper", "etc-work"];

    /// <summary>The overlay's upper and work directories for the whole root, and its mount point (a node made from an image).</summary>
    public static readonly IReadOnlyList<string> ImageDirectories = ["root-upper", "root-work", "root-mount"];

    /// <summary>Arguments: $1 state directory, $2 lab root, $3 hostname, $4 the image's unpacked rootfs (empty: the host's files).</summary>
    public const string Script = """
        set -eu
        st=$1 labroot=$2 image=${4:-}
        exec </dev/null >>"$st/holder.log" 2>&1
        exec 3>"$st/holder.pid.new"
        hostname "$3"
        if [ -n "$image" ]; then
          r=$st/root-mount
          mount -t overlay overlay -o "lowerdir=$image,upperdir=$st/root-upper,workdir=$st/root-work" "$r"
          mount --rbind /dev "$r/dev"
          mount --rbind /sys "$r/sys"
          mount -t proc proc "$r/proc"
          mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs "$r/run"
          mkdir -p "$r/run/kubedos-state" "$r/run/kubedos-oldroot"
          mount --bind "$st" "$r/run/kubedos-state"
          cd "$r"
          pivot_root . run/kubedos-oldroot
          cd /
          umount -l /run/kubedos-oldroot
          rmdir /run/kubedos-oldroot
        else
          mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /run
          mkdir -p /run/kubedos-state
          mount --bind "$st" /run/kubedos-state
          mount -t overlay overlay -o "lowerdir=/etc,upperdir=/run/kubedos-state/etc-upper,workdir=/run/kubedos-state/etc-work" /etc
        fi
        s=/run/kubedos-state
        mkdir -p /run/wireguard /run/sshd /run/lock /etc/kubedos /var/lib/kubedos
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
