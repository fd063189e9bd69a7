using Kubedos.Image.Build;
using Kubedos.Image.Lock;
using Kubedos.Spec.Model;

namespace Kubedos.Cli;

/// <summary>
/// What a ClusterSpec declares for its node image: the package set every node needs (boot, identity at first
/// boot, hardening, the three planes, the converge runtime, supervision, logs, metrics) plus what the enabled
/// stages run (etcd with Kubernetes; Prometheus and Alertmanager with observability), and the baseline files baked in.
/// </summary>
internal static class ImagePackages
{
    /// <summary>Every node: a bootable Debian with cloud-init, hardened sshd, WireGuard, nftables, Python for Ansible, runit, rsyslog with TLS and the node exporter.</summary>
    public static IReadOnlyList<string> Base { get; } =
    [
        "ca-certificates", "cloud-init", "ifupdown", "initramfs-tools", "iproute2", "iputils-ping", "isc-dhcp-client",
        "linux-image-amd64", "netcat-openbsd", "nftables", "openssh-server", "procps", "prometheus-node-exporter",
        "python3", "rsyslog", "rsyslog-gnutls", "runit", "sudo", "systemd-sysv", "udev", "wireguard-tools",
    ];

    public static DeclaredPackageSet For(ClusterSpec spec)
    {
        var names = new List<string>(Base);
        if (spec.Kubernetes.Enabled)
        {
            names.AddRange(["etcd-server", "etcd-client"]);
        }

        if (spec.Kubernetes.Observability.Enabled)
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
            new("/etc/sysctl.d/90-kubedos-baseline.conf", System.Text.Encoding.UTF8.GetBytes(Components.Firstboot.SysctlBaseline.RenderConf()), readable),
            new("/etc/ssh/sshd_config.d/10-kubedos-baseline.conf", System.Text.Encoding.UTF8.GetBytes(
                "# Kube'd'OS image baseline: keys only, no root, until first boot writes the node's own sshd policy.\n" +
                "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin no\nX11Forwarding no\n"), readable),
        ];
    }
}
