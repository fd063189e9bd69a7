using Kubedos.Pki;

namespace Kubedos.Components.Kubernetes;

/// <summary>What each certificate beneath the etcd CA says, as kubeadm lays them out: a pure function of the member.</summary>
/// <param name="File">kubeadm's base name under <c>/etc/kubernetes/pki/</c> (<c>etcd/server</c>, <c>apiserver-etcd-client</c>).</param>
/// <param name="CommonName">The subject CN: the node name for server and peer, kubeadm's client names for clients.</param>
/// <param name="DnsNames">The node name (server and peer only).</param>
/// <param name="IpAddresses">
/// The member's etcd-plane address (server and peer); the server's also names the observability-plane address its
/// <c>/metrics</c> listener serves on. etcd listens nowhere else.
/// </param>
/// <param name="AllowedUses">Server and peer certificates serve and authenticate (peers dial each other); clients only authenticate.</param>
internal sealed record EtcdCertificateProfile(string File, string CommonName, IReadOnlyList<string> DnsNames, IReadOnlyList<string> IpAddresses, IReadOnlyList<string> AllowedUses)
{
    /// <summary>kubeadm's CN for the client the health checks (and Prometheus, and the snapshot) use.</summary>
    public const string HealthcheckClientName = "kube-etcd-healthcheck-client";

    /// <summary>kubeadm's CN for the API server's etcd client.</summary>
    public const string ApiserverClientName = "kube-apiserver-etcd-client";

    private static readonly string[] ServeAndAuthenticate = [CertificateUses.DigitalSignature, CertificateUses.KeyEncipherment, CertificateUses.ServerAuth, CertificateUses.ClientAuth];
    private static readonly string[] Authenticate = [CertificateUses.DigitalSignature, CertificateUses.KeyEncipherment, CertificateUses.ClientAuth];

    /// <summary>The member's client-facing certificate (<c>--cert-file</c>).</summary>
    /// <remarks>etcd 3.4 serves <c>--listen-metrics-urls</c> with this certificate too, so it names the metrics address.</remarks>
    public static EtcdCertificateProfile Server(EtcdMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return Member("etcd/server", member, member.MetricsAddress is { } metrics ? [member.Address.ToString(), metrics.ToString()] : [member.Address.ToString()]);
    }

    /// <summary>The member's certificate towards the other members (<c>--peer-cert-file</c>).</summary>
    public static EtcdCertificateProfile Peer(EtcdMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return Member("etcd/peer", member, [member.Address.ToString()]);
    }

    /// <summary>The health-check client: etcdctl on the members, the acceptance gate, Prometheus and the snapshot.</summary>
    public static EtcdCertificateProfile HealthcheckClient { get; } = new("etcd/healthcheck-client", HealthcheckClientName, [], [], Authenticate);

    /// <summary>The API server's client on a control-plane node (kubeadm's <c>apiserver-etcd-client</c>).</summary>
    public static EtcdCertificateProfile ApiserverClient { get; } = new("apiserver-etcd-client", ApiserverClientName, [], [], Authenticate);

    private static EtcdCertificateProfile Member(string file, EtcdMember member, IReadOnlyList<string> addresses) =>
        new(file, member.Name, [member.Name], addresses, ServeAndAuthenticate);
}
