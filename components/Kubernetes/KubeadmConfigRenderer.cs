using System.Globalization;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;
using YamlDotNet.Serialization;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// kubeadm v1beta4 configuration per node, a pure function of the normalised spec: external etcd at the members' wg3
/// client URLs with the <c>apiserver-etcd-client</c> pair <see cref="EtcdPki"/> issues, the spec's pinned version and
/// CIDRs, API server SANs from the control-plane nodes' names and plane addresses, the kubelet on the backend plane.
/// </summary>
/// <remarks>
/// Nothing on this machine runs kubeadm (no kubelet or kubeadm is obtainable here): the files are rendered, read back
/// strictly by the tests, and said to be so in components/README.md. The join token never appears in them: joining nodes
/// discover the cluster through a kubeconfig on the node (<see cref="DiscoveryKubeconfig"/>) that carries it.
/// </remarks>
internal static class KubeadmConfigRenderer
{
    public const string ApiVersion = "kubeadm.k8s.io/v1beta4";

    /// <summary>The folder under <c>out/&lt;stack&gt;/kubernetes/</c>: one <c>&lt;node&gt;.yaml</c> per node.</summary>
    public const string Folder = "kubeadm";

    /// <summary>kubeadm's certificate directory; the etcd role installs the etcd pairs beneath it at kubeadm's names.</summary>
    public const string CertificatesDir = "/etc/kubernetes/pki";

    /// <summary>The kubeconfig a joining node discovers the cluster with (cluster CA and the node's join token; a node-side secret).</summary>
    public const string DiscoveryKubeconfig = "/etc/kubernetes/discovery.kubeconfig";

    /// <summary>containerd's CRI socket.</summary>
    public const string CriSocket = "unix:///run/containerd/containerd.sock";

    /// <summary>The API server's port.</summary>
    public const int ApiServerPort = 6443;

    /// <summary>The node file of the certificate <paramref name="file"/> (kubeadm's base name), <c>.crt</c> or <c>.key</c>.</summary>
    public static string CertificatePath(string file, bool key = false) => $"{CertificatesDir}/{file}.{(key ? "key" : "crt")}";

    /// <summary>Every node's configuration, in spec order.</summary>
    public static IReadOnlyList<KubeadmNodeConfig> Render(NormalisedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var kubernetes = cluster.Kubernetes;
        var version = KubernetesVersion(kubernetes.Version);
        var etcd = EtcdMembership.Of(cluster);
        var backend = etcd.Plane.Name;
        var control = cluster.ControlPlane.Name;
        var controlPlanes = cluster.Nodes.Where(n => n.Role == NodeRole.ControlPlane).ToList();
        var first = controlPlanes[0];
        var endpoint = $"{first.PlaneAddresses[backend]}:{ApiServerPort.ToString(CultureInfo.InvariantCulture)}";

        var clusterConfiguration = new KubeadmClusterConfiguration
        {
            ClusterName = cluster.Name,
            KubernetesVersion = version,
            ControlPlaneEndpoint = endpoint,
            CertificatesDir = CertificatesDir,
            EncryptionAlgorithm = "ECDSA-P256",
            Etcd = new KubeadmEtcd
            {
                External = new KubeadmExternalEtcd
                {
                    Endpoints = etcd.ClientUrls,
                    CaFile = CertificatePath("etcd/ca"),
                    CertFile = CertificatePath(EtcdCertificateProfile.ApiserverClient.File),
                    KeyFile = CertificatePath(EtcdCertificateProfile.ApiserverClient.File, key: true),
                },
            },
            Networking = new KubeadmNetworking { ServiceSubnet = kubernetes.ServiceCidr, PodSubnet = kubernetes.PodCidr, DnsDomain = "cluster.local" },
            ApiServer = new KubeadmApiServer
            {
                CertSans = [.. controlPlanes.SelectMany(n => new[] { n.Name, n.PlaneAddresses[control].ToString(), n.PlaneAddresses[backend].ToString() }).Distinct(StringComparer.Ordinal)],
            },
        };

        return [.. cluster.Nodes.Select(node =>
        {
            var registration = new KubeadmNodeRegistration
            {
                Name = node.Name,
                CriSocket = CriSocket,
                KubeletExtraArgs = [new KubeadmArg { Name = "node-ip", Value = node.PlaneAddresses[backend].ToString() }],
            };
            var local = new KubeadmApiEndpoint { AdvertiseAddress = node.PlaneAddresses[backend].ToString(), BindPort = ApiServerPort };
            IReadOnlyList<object> documents = node.Name == first.Name
                ? [new KubeadmInitConfiguration { NodeRegistration = registration, LocalApiEndpoint = local }, clusterConfiguration]
                : [new KubeadmJoinConfiguration
                {
                    NodeRegistration = registration,
                    CaCertPath = CertificatePath("ca"),
                    Discovery = new KubeadmDiscovery { File = new KubeadmFileDiscovery { KubeConfigPath = DiscoveryKubeconfig } },
                    ControlPlane = node.Role == NodeRole.ControlPlane ? new KubeadmJoinControlPlane { LocalApiEndpoint = local } : null,
                }];
            return new KubeadmNodeConfig(node.Name, $"{node.Name}.yaml", documents);
        })];
    }

    /// <summary>The documents as one YAML stream, <c>---</c> between them.</summary>
    public static string Serialize(IReadOnlyList<object> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var serializer = new SerializerBuilder()
            .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections)
            .DisableAliases()
            .Build();
        return string.Join("---\n", documents.Select(d => serializer.Serialize(d)));
    }

    /// <summary>
    /// Reads a rendered stream back into the typed documents, strictly: an unknown field, an unknown kind or another
    /// apiVersion fails, as kubeadm's strict decoding would.
    /// </summary>
    /// <exception cref="FormatException">The text is not a stream of the kubeadm v1beta4 kinds Kubedos renders.</exception>
    public static IReadOnlyList<object> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var deserializer = new DeserializerBuilder()
            .WithTypeMapping<IReadOnlyList<string>, List<string>>()
            .WithTypeMapping<IReadOnlyList<KubeadmArg>, List<KubeadmArg>>()
            .Build();
        var documents = new List<object>();
        var index = 0;
        foreach (var part in text.Split("---\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var header = deserializer.Deserialize<Dictionary<string, object>>(part)
                ?? throw new FormatException($"document {index}: empty");
            var kind = header.GetValueOrDefault("kind") as string;
            var apiVersion = header.GetValueOrDefault("apiVersion") as string;
            if (apiVersion != ApiVersion)
            {
                throw new FormatException($"document {index}: apiVersion is '{apiVersion}', not {ApiVersion}");
            }

            try
            {
                documents.Add(kind switch
                {
                    KubeadmInitConfiguration.KindName => deserializer.Deserialize<KubeadmInitConfiguration>(part),
                    KubeadmClusterConfiguration.KindName => deserializer.Deserialize<KubeadmClusterConfiguration>(part),
                    KubeadmJoinConfiguration.KindName => deserializer.Deserialize<KubeadmJoinConfiguration>(part),
                    _ => throw new FormatException($"document {index}: kind '{kind}' is not one Kubedos renders"),
                });
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                throw new FormatException($"document {index} ({kind}): {e.Message}", e);
            }

            index++;
        }

        return documents;
    }

    // kubeadm wants a release version with its v; validation has pinned it to an exact one.
    private static string KubernetesVersion(string? version)
    {
        if (string.IsNullOrEmpty(version) || !char.IsAsciiDigit(version.TrimStart('v')[0]))
        {
            throw new InvalidOperationException($"kubernetes.version '{version}' is not a release version kubeadm can install (validation requires one when Kubernetes is enabled)");
        }

        return version.StartsWith('v') ? version : "v" + version;
    }
}
