using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>The local lab substrate: each node is a network namespace on this machine.</summary>
internal sealed record LocalSubstrate
{
    [Description("Underlay network joining the nodes' namespaces. Defaults to 10.250.0.0/24; never routed off the machine.")]
    public string UnderlayCidr { get; init; } = "10.250.0.0/24";

    [Description("What each node runs: 'image' pivots every node into an overlay over the stack's built node image (kubedos image build: "
        + "the image's sshd, wireguard-go, nftables, etcd, Prometheus and agent); 'host' (the default) shares the host's binaries under private /etc, /var/log, /root, /home and /tmp.")]
    public LocalNodeRoot NodeRoot { get; init; } = LocalNodeRoot.Host;
}
