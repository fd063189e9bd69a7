using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Operations.Runbooks;

/// <summary>
/// What <c>kubedos runbook rotate --what W</c> renews, one node at a time (spec §18): every node's WireGuard key on every
/// plane and then the operator's (<c>wireguard</c>), every node's identity key and certificate, which mints fresh
/// enrollment tokens the node enrolls with again (<c>node-certs</c>), every control plane's etcd server, peer and
/// apiserver-client keys and certificates (<c>etcd-certs</c>, only with <c>kubernetes.enabled</c>), or all of them.
/// </summary>
internal sealed record RotationPlan(string What, IReadOnlyList<RunbookStep> Steps)
{
    public const string WireGuard = "wireguard";

    public const string NodeCerts = "node-certs";

    public const string EtcdCerts = "etcd-certs";

    public const string All = "all";

    /// <summary>The type tokens of what a step replaces.</summary>
    public const string KeyPairType = "wireguard:index:KeyPair";

    public const string PrivateKeyType = "tls:index:PrivateKey";

    /// <exception cref="OperationRefusedException">An unknown <paramref name="what"/>, or etcd certificates on a cluster without etcd.</exception>
    public static RotationPlan From(NormalisedCluster cluster, string what)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(what);
        var kinds = what switch
        {
            WireGuard or NodeCerts or EtcdCerts => [what],
            All => cluster.Kubernetes.Enabled ? [WireGuard, NodeCerts, EtcdCerts] : new[] { WireGuard, NodeCerts },
            _ => throw new OperationRefusedException($"--what '{what}': rotate renews {WireGuard}, {NodeCerts}, {EtcdCerts} or {All}", askedWrong: true),
        };
        if (kinds.Contains(EtcdCerts) && !cluster.Kubernetes.Enabled)
        {
            throw new OperationRefusedException(
                $"--what {EtcdCerts}: cluster {cluster.Name} runs no etcd (spec.kubernetes.enabled is false), so it has no etcd certificate to renew", askedWrong: true);
        }

        var steps = new List<RunbookStep>();
        foreach (var kind in kinds)
        {
            steps.AddRange(kind switch
            {
                WireGuard => [
                    .. cluster.Nodes.Select(n => new RunbookStep(n.Name, kind, [.. cluster.Planes.Select(p => (KeyPairType, $"{n.Name}-{p.Name}"))])),
                    new RunbookStep("operator", kind, [(KeyPairType, $"operator-{cluster.ControlPlane.Name}")]),
                ],
                NodeCerts => cluster.Nodes.Select(n => new RunbookStep(n.Name, kind, [(PrivateKeyType, $"{n.Name}-identity")])),
                _ => cluster.Nodes.Where(n => n.Role == NodeRole.ControlPlane).Select(n => new RunbookStep(n.Name, kind,
                    [(PrivateKeyType, $"{n.Name}-etcd-server"), (PrivateKeyType, $"{n.Name}-etcd-peer"), (PrivateKeyType, $"{n.Name}-apiserver-etcd-client")])),
            });
        }

        return new RotationPlan(what, steps);
    }
}
