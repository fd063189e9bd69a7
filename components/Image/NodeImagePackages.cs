using Kubedos.Image.Build;
using Kubedos.Image.Lock;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Image;

/// <summary>
/// What a ClusterSpec declares for its node image: one package set for every node and every stack, whatever stages it
/// turns on: boot, identity at first boot, hardening, the three planes, the converge runtime, supervision, logs, metrics,
/// and what the stages run (etcd for Kubernetes; Prometheus and Alertmanager for observability). One image then serves
/// every role, a stack that turns a stage on needs no new image, and stacks that differ only in their stages share one.
/// </summary>
internal static class NodeImagePackages
{
    /// <summary>
    /// Every node: a bootable Debian with cloud-init, hardened sshd, WireGuard (wireguard-go where the kernel has no module,
    /// as on the local lab), nftables, Python for Ansible (python3-apt for its package facts, fdisk for its disks), runit,
    /// rsyslog with TLS, the node exporter, and curl and jq, which the acceptance gates' probes run on the nodes.
    /// </summary>
    public static IReadOnlyList<string> Base { get; } =
    [
        "ca-certificates", "cloud-init", "curl", "fdisk", "ifupdown", "initramfs-tools", "iproute2", "iputils-ping", "isc-dhcp-client", "jq",
        "linux-image-amd64", "live-boot", "netcat-openbsd", "nftables", "openssh-server", "procps", "prometheus-node-exporter",
        "python3", "python3-apt", "rsyslog", "rsyslog-gnutls", "runit", "sudo", "systemd-sysv", "udev", "wireguard-go", "wireguard-tools",
    ];

    /// <summary>What the stages run on the nodes they place it on: etcd (Kubernetes), Prometheus and Alertmanager (observability).</summary>
    public static IReadOnlyList<string> Stages { get; } = ["etcd-client", "etcd-server", "prometheus", "prometheus-alertmanager"];

    /// <summary>The declared set of a spec: <see cref="Base"/> and <see cref="Stages"/>, the same for every spec.</summary>
    public static DeclaredPackageSet For(ClusterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return All;
    }

    /// <summary>The declared set of a normalised spec (the same set).</summary>
    public static DeclaredPackageSet For(NormalisedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return All;
    }

    private static DeclaredPackageSet All => new([.. Base, .. Stages]);

    /// <summary>The node-independent baseline every image carries before first boot (first boot adds the per-node parts).</summary>
    public static IReadOnlyList<OverlayFile> Baseline()
    {
        const UnixFileMode readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        return
        [
            new("/etc/sysctl.d/90-kubedos-baseline.conf", System.Text.Encoding.UTF8.GetBytes(Firstboot.SysctlBaseline.RenderConf()), readable),
            new("/etc/ssh/sshd_config.d/10-kubedos-baseline.conf", System.Text.Encoding.UTF8.GetBytes(
                "# Kube'd'OS image baseline: keys only, no root, until first boot writes the node's own sshd policy.\n" +
                "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin no\nX11Forwarding no\n"), readable),
        ];
    }

    /// <summary>The lock beside the spec: <c>stacks/lab-01.yaml</c> -&gt; <c>stacks/lab-01.locks.json</c>.</summary>
    public static string LockPath(string specPath) =>
        Path.Combine(Path.GetDirectoryName(specPath)!, Path.GetFileNameWithoutExtension(specPath) + ".locks.json");

    /// <summary>The spec's lock, refused when missing or made for another declared set (naming the difference).</summary>
    /// <exception cref="LockFileException">No lock, a malformed one, or one made for another set.</exception>
    public static ImageLock CheckedLock(string specPath, DeclaredPackageSet declared)
    {
        var path = LockPath(specPath);
        if (!File.Exists(path))
        {
            throw new LockFileException(path, "$", "no lock for this spec; make it with `kubedos image lock --stack S` and commit it");
        }

        var imageLock = ImageLock.Read(path);
        if (imageLock.Difference(declared) is { } difference)
        {
            throw new LockFileException(path, "$.declared", $"{difference}; the spec's declared set changed: lock it again with `kubedos image lock --stack S`");
        }

        return imageLock;
    }
}
