namespace Kubedos.Components.Kubernetes;

/// <summary>
/// <c>etcdctl</c> as a control-plane node runs it against the members: the health-check client pair kubeadm lays out, the
/// etcd CA, short dial and command timeouts. <c>ETCDCTL_API=3</c> is etcd 3.4's default, set anyway so an older etcdctl
/// cannot speak v2.
/// </summary>
internal static class EtcdClientCommand
{
    /// <summary>The command line (for <c>sh -c</c>) up to the etcdctl subcommand, against <paramref name="endpoints"/> (comma-separated client URLs).</summary>
    public static string For(string endpoints) =>
        $"ETCDCTL_API=3 etcdctl --dial-timeout=3s --command-timeout=5s --endpoints={endpoints} --cacert={KubeadmConfigRenderer.CertificatePath("etcd/ca")} "
        + $"--cert={KubeadmConfigRenderer.CertificatePath(EtcdCertificateProfile.HealthcheckClient.File)} --key={KubeadmConfigRenderer.CertificatePath(EtcdCertificateProfile.HealthcheckClient.File, key: true)}";
}
