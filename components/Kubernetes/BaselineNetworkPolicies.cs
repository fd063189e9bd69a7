using k8s.Models;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// The TK8S network isolation of one namespace (doctrine section III): a default-deny of all ingress and egress,
/// then only what the doctrine allows: DNS to the cluster's resolver, the monitoring namespace scraping the
/// <c>metrics</c> port (read-only), and for the isolated namespace egress outside the cluster's networks alone.
/// </summary>
internal static class BaselineNetworkPolicies
{
    public const string ApiVersion = "networking.k8s.io/v1";
    public const string DefaultDeny = "default-deny";
    public const string MetricsPort = "metrics";

    /// <summary>The link-local range where clouds serve instance metadata (credentials): never an external API.</summary>
    public const string LinkLocal = "169.254.0.0/16";

    /// <summary>The policies of <paramref name="ns"/> in <paramref name="cluster"/>, default-deny first.</summary>
    public static IReadOnlyList<V1NetworkPolicy> For(BaselineNamespace ns, NormalisedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(ns);
        ArgumentNullException.ThrowIfNull(cluster);
        var policies = new List<V1NetworkPolicy>
        {
            Policy(ns, DefaultDeny, new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Ingress", "Egress"] }),
            Policy(ns, "allow-dns", new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector(),
                PolicyTypes = ["Egress"],
                Egress =
                [
                    new V1NetworkPolicyEgressRule
                    {
                        To = [new V1NetworkPolicyPeer { NamespaceSelector = NamespaceNamed("kube-system"), PodSelector = Labels("k8s-app", "kube-dns") }],
                        Ports = [Port(53, "UDP"), Port(53, "TCP")],
                    },
                ],
            }),
        };

        if (ns.Scraped)
        {
            policies.Add(Policy(ns, "allow-monitoring-scrape", new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector(),
                PolicyTypes = ["Ingress"],
                Ingress =
                [
                    new V1NetworkPolicyIngressRule
                    {
                        FromProperty = [new V1NetworkPolicyPeer { NamespaceSelector = NamespaceNamed(BaselineNamespaces.Monitoring), PodSelector = new V1LabelSelector() }],
                        Ports = [new V1NetworkPolicyPort { Port = MetricsPort, Protocol = "TCP" }],
                    },
                ],
            }));
        }

        if (ns.Name == BaselineNamespaces.Monitoring)
        {
            policies.Add(Policy(ns, "allow-scrape", new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector(),
                PolicyTypes = ["Egress"],
                Egress =
                [
                    new V1NetworkPolicyEgressRule
                    {
                        To =
                        [
                            new V1NetworkPolicyPeer
                            {
                                NamespaceSelector = new V1LabelSelector
                                {
                                    MatchExpressions =
                                    [
                                        new V1LabelSelectorRequirement
                                        {
                                            Key = "kubernetes.io/metadata.name",
                                            OperatorProperty = "In",
                                            Values = [.. BaselineNamespaces.All.Where(n => n.Scraped).Select(n => n.Name)],
                                        },
                                    ],
                                },
                                PodSelector = new V1LabelSelector(),
                            },
                        ],
                        Ports = [new V1NetworkPolicyPort { Port = MetricsPort, Protocol = "TCP" }],
                    },
                ],
            }));
        }

        if (ns.ExternalEgressOnly)
        {
            policies.Add(Policy(ns, "allow-external-egress", new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector(),
                PolicyTypes = ["Egress"],
                Egress = [new V1NetworkPolicyEgressRule { To = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "0.0.0.0/0", Except = [.. ClusterNetworks(cluster)] } }] }],
            }));
        }

        return policies;
    }

    /// <summary>Every network inside the cluster: pods, services, each plane (the nodes), and link-local metadata.</summary>
    public static IReadOnlyList<string> ClusterNetworks(NormalisedCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var kubernetes = cluster.Kubernetes;
        return [kubernetes.PodCidr, kubernetes.ServiceCidr, .. cluster.Planes.Select(p => p.Cidr.ToString()), LinkLocal];
    }

    private static V1NetworkPolicy Policy(BaselineNamespace ns, string name, V1NetworkPolicySpec spec) => new()
    {
        ApiVersion = ApiVersion,
        Kind = V1NetworkPolicy.KubeKind,
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns.Name,
            Labels = new Dictionary<string, string> { [BaselineNamespaces.BaselineLabel] = BaselineNamespaces.BaselineValue },
        },
        Spec = spec,
    };

    private static V1LabelSelector NamespaceNamed(string name) => Labels("kubernetes.io/metadata.name", name);

    private static V1LabelSelector Labels(string key, string value) => new() { MatchLabels = new Dictionary<string, string> { [key] = value } };

    private static V1NetworkPolicyPort Port(int port, string protocol) => new() { Port = port, Protocol = protocol };
}
