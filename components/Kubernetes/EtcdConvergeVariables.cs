using Kubedos.Components.Converge;
using Kubedos.Engine.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// What the <c>etcd</c> role needs on each member (ansible/roles/etcd/defaults/main.yml) and the <c>prometheus</c> role
/// on the observability node(s) to scrape the members: addresses, the etcd CA, its revocation list and the pairs beneath it. Keys are secret
/// converge variables: written for a run only, never in <c>out/</c>.
/// </summary>
internal static class EtcdConvergeVariables
{
    /// <summary>node -&gt; variable -&gt; value, for every member and every observability node.</summary>
    /// <param name="cluster">The normalised spec.</param>
    /// <param name="pki">The etcd CA and the members' pairs.</param>
    /// <param name="restore">The snapshot a cluster bootstrapping from nothing restores (the role's <c>etcd_restore_*</c>), or null for none.</param>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, ConvergeVariable>> For(NormalisedCluster cluster, EtcdPki pki, EtcdRestoreSource? restore = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(pki);
        var variables = new Dictionary<string, Dictionary<string, ConvergeVariable>>(StringComparer.Ordinal);
        foreach (var credentials in pki.Members)
        {
            var node = cluster.Node(credentials.Member.Name);
            variables[node.Name] = new Dictionary<string, ConvergeVariable>(StringComparer.Ordinal)
            {
                ["etcd_address"] = Plain(credentials.Member.Address.ToString()),
                ["etcd_metrics_address"] = Plain(credentials.Member.MetricsAddress?.ToString() ?? string.Empty),
                ["etcd_ca_cert"] = ConvergeVariable.Plain(pki.CaCertPem),
                ["etcd_crl"] = ConvergeVariable.Plain(pki.CrlPem),
                ["etcd_server_cert"] = ConvergeVariable.Plain(credentials.Server.CertificatePem),
                ["etcd_server_key"] = ConvergeVariable.Private(credentials.Server.PrivateKeyPem),
                ["etcd_peer_cert"] = ConvergeVariable.Plain(credentials.Peer.CertificatePem),
                ["etcd_peer_key"] = ConvergeVariable.Private(credentials.Peer.PrivateKeyPem),
                ["etcd_healthcheck_cert"] = ConvergeVariable.Plain(pki.HealthcheckClient.CertificatePem),
                ["etcd_healthcheck_key"] = ConvergeVariable.Private(pki.HealthcheckClient.PrivateKeyPem),
                ["etcd_apiserver_client_cert"] = ConvergeVariable.Plain(credentials.ApiserverClient.CertificatePem),
                ["etcd_apiserver_client_key"] = ConvergeVariable.Private(credentials.ApiserverClient.PrivateKeyPem),
            };
            if (restore is not null)
            {
                variables[node.Name]["etcd_restore_snapshot"] = Plain(restore.Path);
                variables[node.Name]["etcd_restore_sha256"] = Plain(restore.Sha256);
            }
        }

        // Prometheus scrapes every member's metrics listener with the health-check client (its role's prometheus_etcd_* variables).
        foreach (var node in ConvergeInventory.ObservabilityNodes(cluster))
        {
            if (!variables.TryGetValue(node.Name, out var vars))
            {
                vars = new Dictionary<string, ConvergeVariable>(StringComparer.Ordinal);
                variables[node.Name] = vars;
            }

            vars["prometheus_etcd_ca_pem"] = ConvergeVariable.Plain(pki.CaCertPem);
            vars["prometheus_etcd_client_cert_pem"] = ConvergeVariable.Plain(pki.HealthcheckClient.CertificatePem);
            vars["prometheus_etcd_client_key_pem"] = ConvergeVariable.Private(pki.HealthcheckClient.PrivateKeyPem);
        }

        return variables.ToDictionary(v => v.Key, v => (IReadOnlyDictionary<string, ConvergeVariable>)v.Value, StringComparer.Ordinal);
    }

    private static ConvergeVariable Plain(string value) => ConvergeVariable.Plain(Output.Create(value));
}
