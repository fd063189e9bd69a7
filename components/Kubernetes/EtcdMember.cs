using System.Globalization;
using System.Net;

namespace Kubedos.Components.Kubernetes;

/// <summary>One etcd member: a control-plane node, listening on its address on the etcd plane only.</summary>
/// <param name="Name">The node name, which is the member's <c>--name</c>.</param>
/// <param name="Address">The node's address on the etcd plane (wg3).</param>
/// <param name="MetricsAddress">
/// The node's address on the observability plane (wg2) where etcd serves <c>/metrics</c> to Prometheus, or null when
/// observability is off: the server certificate names it too, since Prometheus verifies the address it dials.
/// </param>
internal sealed record EtcdMember(string Name, IPAddress Address, IPAddress? MetricsAddress = null)
{
    /// <summary>etcd's client port (IANA).</summary>
    public const int ClientPort = 2379;

    /// <summary>etcd's peer port (IANA).</summary>
    public const int PeerPort = 2380;

    /// <summary><c>https://&lt;wg3&gt;:2379</c>: what clients (the API server, etcdctl, Prometheus) dial.</summary>
    public string ClientUrl => Url(ClientPort);

    /// <summary><c>https://&lt;wg3&gt;:2380</c>: what the other members dial.</summary>
    public string PeerUrl => Url(PeerPort);

    private string Url(int port) => $"https://{Address}:{port.ToString(CultureInfo.InvariantCulture)}";
}
