using Kubedos.Components.Observability;
using Kubedos.Infra.Tests.Components.Trust;

namespace Kubedos.Infra.Tests.Components.Observability;

/// <summary>The stage brought up with the cluster PKI (tls provider for real): certificates, variables and out/ files.</summary>
public sealed class ObservabilityTests
{
    [Fact]
    public async Task Up_Lab01_IssuesLogCertificatesUnderTheIntermediateAndWritesOnlyPublicFiles()
    {
        ClusterObservability? stage = null;
        var cluster = ObservedClusters.Lab01();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var stack = await TrustStackFixture.UpAsync(CancellationToken.None, (fixture, trust) =>
        {
            stage = new ClusterObservability("observability", new ObservabilityArgs { Cluster = cluster, Trust = trust, OutDirectory = fixture.OutDir });
            foreach (var (node, list) in stage.Variables)
            {
                foreach (var (name, variable) in list)
                {
                    _ = variable.Value.Apply(v =>
                    {
                        lock (variables)
                        {
                            variables[$"{node}/{name}"] = variable.Secret ? fixture.Capture(v) : v;
                        }

                        return v;
                    });
                }
            }
        });

        Assert.True(stack.Result.Summary.Succeeded, string.Join('\n', stack.EventLines.TakeLast(20)));
        var directory = Path.Combine(stack.OutDir, "observability");
        Assert.True(File.Exists(Path.Combine(directory, "nodes", "cp-1", "prometheus.yml")));
        Assert.True(File.Exists(Path.Combine(directory, "nodes", "w-1", "log-forwarder.conf")));
        Assert.False(File.Exists(Path.Combine(directory, "nodes", "w-1", "prometheus.yml")));
        Assert.True(File.Exists(Path.Combine(directory, "kubernetes", "grafana", "provisioning", "datasources", "kubedos.yaml")));
        Assert.True(File.Exists(Path.Combine(directory, "kubernetes", "loki", "loki.yaml")));
        Assert.All(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories),
            f => Assert.DoesNotContain("PRIVATE KEY", File.ReadAllText(f), StringComparison.Ordinal));

        // Every key is a secret variable; the certificates chain to the root through the cluster intermediate.
        Assert.All(stage!.Variables.Values.SelectMany(v => v).Where(v => v.Key.EndsWith("_key_pem", StringComparison.Ordinal)), v => Assert.True(v.Value.Secret));
        Assert.All(stage.Variables.Values.SelectMany(v => v).Where(v => !v.Key.EndsWith("_key_pem", StringComparison.Ordinal)), v => Assert.False(v.Value.Secret));
        Assert.Equal(cluster.Nodes.Count, variables.Keys.Count(k => k.EndsWith("/log_forwarder_key_pem", StringComparison.Ordinal)));
        Assert.Equal(["cp-1/log_collector_key_pem"], variables.Keys.Where(k => k.EndsWith("/log_collector_key_pem", StringComparison.Ordinal)));
        var pki = Path.Combine(stack.OutDir, "pki");
        foreach (var (name, purpose, address) in new[] { ("cp-1/log_collector_cert_pem", "sslserver", "10.102.0.11"), ("w-1/log_forwarder_cert_pem", "sslclient", (string?)null) })
        {
            var file = Path.Combine(stack.Root, name.Replace('/', '-'));
            await File.WriteAllTextAsync(file, variables[name]);
            stack.Run("openssl", "verify", "-purpose", purpose, "-CAfile", Path.Combine(pki, "root-ca.pem"), "-untrusted", Path.Combine(pki, "intermediate-ca.pem"), file);
            var text = stack.Run("openssl", "x509", "-in", file, "-noout", "-subject", "-ext", "subjectAltName");
            Assert.Contains($"CN = {name.Split('/')[0]}", text, StringComparison.Ordinal);
            if (address is not null)
            {
                Assert.Contains($"IP Address:{address}", text, StringComparison.Ordinal);
            }
        }

        // Every variable the stage hands over is one a role declares (and documents) in its defaults.
        var declared = Directory.EnumerateFiles(RepositoryFiles.PathOf("ansible/roles"), "main.yml", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}defaults{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(File.ReadAllLines).Where(l => l.Length > 0 && char.IsLetter(l[0]) && l.Contains(':', StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
        Assert.All(variables.Keys.Select(k => k.Split('/')[1]).Distinct(), n => Assert.Contains(n, declared));
        Assert.Equal("10.102.0.21:9100", variables["w-1/node_exporter_listen_address"]);
        Assert.Contains("BEGIN CERTIFICATE", variables["w-1/log_forwarder_ca_pem"], StringComparison.Ordinal);
    }
}
