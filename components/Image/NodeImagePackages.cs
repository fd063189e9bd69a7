using Kubedos.Image.Build;
using Kubedos.Image.Lock;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Image;

/// <summary>
/// What a ClusterSpec declares for its node image: the package set every node needs (boot, identity at first
/// boot, hardening, the three planes, the converge runtime, supervision, logs, metrics) plus what the enabled
/// stages run (etcd with Kubernetes; Prometheus and Alertmanager with observability), and the baseline files baked in.
/// </summary>
internal static class NodeImagePackages
{
    /// <summary>Every node: a bootable Debian with cloud-init, hardened sshd, WireGuard, nftables, Python for Ansible, runit, rsyslog with TLS and the node exporter.</summary>
    public static IReadOnlyList<string> Base { get; } =
    [
        "ca-certificates", "cloud-init", "ifupdown", "initramfs-tools", "iproute2", "iputils-ping", "isc-dhcp-client",
        "linux-image-amd64", "live-boot", "netcat-openbsd", "nftables", "openssh-server", "procps", "prometheus-node-exporter",
        "python3", "rsyslog", "rsyslog-gnutls", "runit", "sudo", "systemd-sysv", "udev", "wireguard-tools",
    ];

    public static DeclaredPackageSet For(ClusterSpec spec) => For(spec.Kubernetes);

    public static DeclaredPackageSet For(NormalisedCluster cluster) => For(cluster.Kubernetes);

    private static DeclaredPackageSet For(KubernetesSpec kubernetes)
    {
        var names = new List<string>(Base);
        if (kubernetes.Enabled)
        {
            names.AddRange(["etcd-server", "etcd-client"]);
        }

        if (kubernetes.Observability.Enabled)
        {
            names.AddRange(["prometheus", "prometheus-alertmanager"]);
        }

        return new DeclaredPackageSet(names);
    }

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
