using Kubedos.Components.Converge;
using Kubedos.Components.Trust;
using Kubedos.Engine.Model;
using Kubedos.Pki;
using Kubedos.Providers.Tls;

namespace Kubedos.Components.Observability;

/// <summary>
/// <c>kubedos:components:Observability</c>: the observability stack on the bind plane (wg2 by default). It issues the
/// log plane's certificates under the cluster intermediate (a collector certificate per observability node, a client
/// certificate per node), renders every node's configuration (node exporter address, rsyslog forwarder; on the
/// observability nodes Prometheus with its alerting rules, Alertmanager and the rsyslog collector) and hands them to
/// converge as per-host variables (keys secret); the Ansible roles put them on the nodes under runit. Grafana and Loki
/// are rendered for the Kubernetes reference only. Everything public lands in <c>out/&lt;stack&gt;/observability/</c>.
/// With etcd members (Kubernetes enabled) Prometheus scrapes them; the etcd stage hands the prometheus role its
/// <c>prometheus_etcd_*</c> client certificate variables.
/// </summary>
internal sealed class ClusterObservability : ComponentResource
{
    public const string TypeToken = "kubedos:components:Observability";

    public ClusterObservability(string name, ObservabilityArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (cluster, trust) = (args.Cluster, args.Trust);
        if (!cluster.Kubernetes.Observability.Enabled)
        {
            throw new InvalidOperationException("the observability stage needs kubernetes.observability.enabled: true (KubedosStack builds it only then)");
        }

        Topology = ObservabilityTopology.Of(cluster);
        var child = StageOptions.ForChildren(this, options);
        var lifetime = CertificateLifetime.FromDays(cluster.Security.Rotation.NodeCertDays);
        var caBundle = Output.Tuple<string, string>(trust.IntermediateCertPem, trust.RootCertPem).Apply(t => t.Item1.TrimEnd() + "\n" + t.Item2.TrimEnd() + "\n");
        var files = new List<RenderedConfig>();

        var variables = new Dictionary<string, IReadOnlyDictionary<string, ConvergeVariable>>(StringComparer.Ordinal);
        foreach (var node in Topology.Nodes)
        {
            var forwarder = Issue($"{node.Name}-log-forwarder", node, [CertificateUses.DigitalSignature, CertificateUses.ClientAuth], withAddress: false, trust, lifetime, child);
            var forwarderConfig = RsyslogForwarderRenderer.Render(Topology, node);
            files.Add(new RenderedConfig($"nodes/{node.Name}/log-forwarder.conf", forwarderConfig));
            var list = new List<(string Name, ConvergeVariable Variable)>
            {
                Plain("node_exporter_listen_address", ObservabilityLayout.Endpoint(node.Address, ObservabilityLayout.NodeExporterPort)),
                Text("log_forwarder_config", forwarderConfig),
                ("log_forwarder_ca_pem", new ConvergeVariable(caBundle, false)),
                ("log_forwarder_cert_pem", new ConvergeVariable(forwarder.CertPem, false)),
                ("log_forwarder_key_pem", new ConvergeVariable(forwarder.KeyPem, true)),
            };
            if (Topology.IsHub(node.Name))
            {
                var collector = Issue($"{node.Name}-log-collector", node, [CertificateUses.DigitalSignature, CertificateUses.ServerAuth], withAddress: true, trust, lifetime, child);
                var hubFiles = new RenderedConfig[]
                {
                    new($"nodes/{node.Name}/prometheus.yml", PrometheusConfigRenderer.Render(Topology)),
                    new($"nodes/{node.Name}/rules.yml", AlertRulesRenderer.Render(Topology)),
                    new($"nodes/{node.Name}/alertmanager.yml", AlertmanagerConfigRenderer.Render(Topology)),
                    new($"nodes/{node.Name}/log-collector.conf", RsyslogCollectorRenderer.Render(Topology, node)),
                };
                files.AddRange(hubFiles);
                list.AddRange(
                [
                    Plain("prometheus_listen_address", ObservabilityLayout.Endpoint(node.Address, ObservabilityLayout.PrometheusPort)),
                    Text("prometheus_config", hubFiles[0].Content),
                    Text("prometheus_rules", hubFiles[1].Content),
                    Plain("alertmanager_listen_address", ObservabilityLayout.Endpoint(node.Address, ObservabilityLayout.AlertmanagerPort)),
                    Text("alertmanager_config", hubFiles[2].Content),
                    Text("log_collector_config", hubFiles[3].Content),
                    ("log_collector_ca_pem", new ConvergeVariable(caBundle, false)),
                    ("log_collector_cert_pem", new ConvergeVariable(collector.CertPem, false)),
                    ("log_collector_key_pem", new ConvergeVariable(collector.KeyPem, true)),
                ]);
            }

            variables[node.Name] = list.ToDictionary(v => v.Name, v => v.Variable, StringComparer.Ordinal);
        }

        if (Topology.Stack.Grafana)
        {
            files.AddRange(GrafanaProvisioningRenderer.Render(Topology).Select(f => f with { RelativePath = $"kubernetes/{f.RelativePath}" }));
        }

        if (Topology.Stack.Loki)
        {
            files.AddRange(LokiConfigRenderer.Render(Topology).Select(f => f with { RelativePath = $"kubernetes/{f.RelativePath}" }));
        }

        Variables = variables;
        var directory = Path.Combine(args.OutDirectory, "observability");
        Files = files;
        Directory = Output.Create(IsDryRun ? Path.GetFullPath(directory) : ObservabilityDirectory.Write(directory, files));
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["directory"] = Directory,
            ["bindPlane"] = Output.Create(Topology.BindPlane),
            ["nodes"] = Output.Create(string.Join(",", Topology.Hubs.Select(h => h.Name))),
        });
    }

    /// <summary>The topology the stack was rendered for.</summary>
    public ObservabilityTopology Topology { get; }

    /// <summary>Per node, the variables converge passes to the observability roles (keys are secret).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, ConvergeVariable>> Variables { get; }

    /// <summary>Every public file rendered, by its path under <c>out/&lt;stack&gt;/observability/</c>.</summary>
    public IReadOnlyList<RenderedConfig> Files { get; }

    /// <summary>The absolute <c>out/&lt;stack&gt;/observability</c> once its files are written (unknown in preview).</summary>
    public Output<string> Directory { get; }

    private static (string Name, ConvergeVariable Variable) Plain(string name, string value) => (name, ConvergeVariable.Plain(Output.Create(value)));

    // A configuration travels base64-encoded (<c>NAME_b64</c>, the role decodes it): Ansible templates every string
    // variable it reads, and Prometheus's rules carry their own {{ $labels }} templates.
    private static (string Name, ConvergeVariable Variable) Text(string name, string value) =>
        ($"{name}_b64", ConvergeVariable.Plain(Output.Create(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value)))));

    private static IssuedCertificate Issue(
        string name, ObservedNode node, IReadOnlyList<string> uses, bool withAddress, ClusterTrust trust, CertificateLifetime lifetime, ResourceOptions child)
    {
        var key = new PrivateKey(name, new PrivateKeyArgs { Algorithm = "ECDSA", EcdsaCurve = "P256" }, child);
        var request = new CertRequest(name, new CertRequestArgs
        {
            PrivateKeyPem = key.PrivateKeyPem,
            Subject = new SubjectArgs { CommonName = node.Name, Organizations = [$"kubedos:{node.Role}"] },
            DnsNames = [node.Name],
            IpAddresses = withAddress ? [node.Address] : [],
        }, child);
        var certificate = new LocallySignedCert(name, new LocallySignedCertArgs
        {
            CertRequestPem = request.CertRequestPem,
            CaCertPem = trust.IntermediateCertPem,
            CaPrivateKeyPem = trust.IntermediateKeyPem,
            ValidityPeriodHours = lifetime.ValidityHours,
            EarlyRenewalHours = lifetime.EarlyRenewalHours,
            AllowedUses = [.. uses.Select(u => (Input<string>)u)],
        }, child);
        return new IssuedCertificate(certificate.CertPem, key.PrivateKeyPem);
    }

    private sealed record IssuedCertificate(Output<string> CertPem, Output<string> KeyPem);
}
