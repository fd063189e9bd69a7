using System.Collections.Concurrent;
using Kubedos.Components.Access;
using Kubedos.Components.Kubernetes;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Model;
using Kubedos.Engine.Testing;
using Kubedos.Pki;
using Kubedos.Providers.Command;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Infra.Tests.Components.Kubernetes;

/// <summary>The etcd PKI's hand-over to converge, and stage 6's etcd half, checked in memory against mocks.</summary>
public sealed class EtcdWiringTests
{
    // Every tls resource answers with outputs named after it, so each variable can be traced to the resource it came from.
    private static readonly IMocks Tls = Mocks.From(args => args.Type switch
    {
        "tls:index:PrivateKey" => new MockResourceResult(args.Name, args.Inputs.Set("privateKeyPem", PropertyValue.Secret($"key:{args.Name}"))),
        "tls:index:CertRequest" => new MockResourceResult(args.Name, args.Inputs.Set("certRequestPem", $"csr:{args.Name}")),
        "tls:index:LocallySignedCert" => new MockResourceResult(args.Name, args.Inputs.Set("certPem", $"cert:{args.Name}").Set("publicKeyPin", "sha256:00")),
        "tls:index:RevocationList" => new MockResourceResult(args.Name, args.Inputs.Set("crlPem", $"crl:{args.Name}")),
        "command:local:Command" => new MockResourceResult(args.Name, args.Inputs.Set("stdout", "/out/snapshot.db\n")),
        _ => MockResourceResult.EchoInputs(args),
    });

    [Fact]
    public async Task For_Lab01_EveryMemberGetsItsOwnPairsKeysSecretAndNoWorkerGetsAny()
    {
        var cluster = LabSpecs.Lab01Kubernetes;
        var seen = new ConcurrentDictionary<(string Node, string Name), (string Value, bool Secret)>();

        var result = await DeploymentTest.RunAsync(StackProgram.Create(stack =>
        {
            var pki = Pki(cluster);
            foreach (var (node, variables) in EtcdConvergeVariables.For(cluster, pki))
            {
                foreach (var (name, variable) in variables)
                {
                    _ = variable.Value.Apply(v => seen[(node, name)] = (v, variable.Secret));
                }
            }
        }), Tls, new TestOptions { ProjectName = "kubedos", StackName = "lab-01" });

        Assert.Null(result.ProgramError);
        Assert.Equal(["cp-1", "cp-2", "cp-3"], seen.Keys.Select(k => k.Node).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(("key:cp-2-etcd-server", true), seen[("cp-2", "etcd_server_key")]);
        Assert.Equal(("key:cp-2-etcd-peer", true), seen[("cp-2", "etcd_peer_key")]);
        Assert.Equal(("cert:cp-2-etcd-peer", false), seen[("cp-2", "etcd_peer_cert")]);
        Assert.Equal(("key:cp-3-apiserver-etcd-client", true), seen[("cp-3", "etcd_apiserver_client_key")]);
        Assert.Equal(("key:etcd-healthcheck-client", true), seen[("cp-1", "etcd_healthcheck_key")]);
        Assert.Equal(("cert:etcd-ca", false), seen[("cp-1", "etcd_ca_cert")]);
        Assert.All(new[] { "cp-1", "cp-2", "cp-3" }, n => Assert.Equal(("crl:etcd-crl", false), seen[(n, "etcd_crl")]));
        Assert.Equal(cluster.Node("cp-3").PlaneAddresses["wg3"].ToString(), seen[("cp-3", "etcd_address")].Value);
        Assert.All(seen.Where(s => s.Key.Name.EndsWith("_key", StringComparison.Ordinal)), s => Assert.True(s.Value.Secret, $"{s.Key} is not secret"));
    }

    [Fact]
    public async Task For_WithARestoreSource_EveryMemberGetsItsPathAndDigest_WithoutOneNoneDoes()
    {
        var cluster = LabSpecs.Lab01Kubernetes;
        var restore = new EtcdRestoreSource("/project/out/lab-01/etcd-restore/etcd-lab-01-cp-1-20261206T110000Z.db", new string('a', 64));
        var seen = new ConcurrentDictionary<(string Node, string Name, bool Restoring), string>();

        var result = await DeploymentTest.RunAsync(StackProgram.Create(stack =>
        {
            var pki = Pki(cluster);
            foreach (var restoring in new[] { true, false })
            {
                foreach (var (node, variables) in EtcdConvergeVariables.For(cluster, pki, restoring ? restore : null))
                {
                    foreach (var (name, variable) in variables)
                    {
                        _ = variable.Value.Apply(v => seen[(node, name, restoring)] = v);
                    }
                }
            }
        }), Tls, new TestOptions { ProjectName = "kubedos", StackName = "lab-01" });

        Assert.Null(result.ProgramError);
        foreach (var member in new[] { "cp-1", "cp-2", "cp-3" })
        {
            Assert.Equal(restore.Path, seen[(member, "etcd_restore_snapshot", true)]);
            Assert.Equal(restore.Sha256, seen[(member, "etcd_restore_sha256", true)]);
        }

        Assert.DoesNotContain(seen.Keys, k => !k.Restoring && k.Name.StartsWith("etcd_restore", StringComparison.Ordinal));
        Assert.DoesNotContain(seen.Keys, k => k.Node == "w-1" && k.Name.StartsWith("etcd_restore", StringComparison.Ordinal));
    }

    [Fact]
    public void RestoreSource_FromConfig_DigestsTheFileOrRefusesNamingTheKey()
    {
        var project = Directory.CreateTempSubdirectory("kubedos-restore-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(project, "snap.db"), "bolt");
            Assert.Null(EtcdRestoreSource.From(null, project, runsEtcd: false));
            var source = EtcdRestoreSource.From("snap.db", project, runsEtcd: true)!;
            Assert.Equal(Path.Combine(project, "snap.db"), source.Path);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("bolt"u8)), source.Sha256);

            var noEtcd = Assert.Throws<EtcdRestoreSourceException>(() => EtcdRestoreSource.From("snap.db", project, runsEtcd: false));
            Assert.StartsWith("kubedos:etcdRestoreSnapshot: set on a stack that runs no etcd", noEtcd.Message, StringComparison.Ordinal);
            var missing = Assert.Throws<EtcdRestoreSourceException>(() => EtcdRestoreSource.From("gone.db", project, runsEtcd: true));
            Assert.Contains(Path.Combine(project, "gone.db"), missing.Message, StringComparison.Ordinal);
            Assert.Throws<EtcdRestoreSourceException>(() => EtcdRestoreSource.From(" ", project, runsEtcd: true));
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task EtcdCa_IsSignedByTheIntermediateAndSignsEveryLeaf()
    {
        var cluster = LabSpecs.Lab01Kubernetes;

        var result = await DeploymentTest.RunAsync(StackProgram.Create(_ => Pki(cluster)), Tls, new TestOptions { ProjectName = "kubedos", StackName = "lab-01" });

        Assert.Null(result.ProgramError);
        var certificates = result.OfType("tls:index:LocallySignedCert");
        var ca = Assert.Single(certificates, c => c.Inputs.TryGetValue("isCaCertificate", out var isCa) && isCa.AsBool());
        Assert.Equal(Intermediate.Value, ca.Inputs["caCertPem"].AsString());
        Assert.Equal(0, (int)ca.Inputs["maxPathLength"].AsNumber());
        Assert.Equal(3 * 3 + 1, certificates.Count(c => c.Inputs["caCertPem"].AsString() == "cert:etcd-ca"));
        var crl = Assert.Single(result.OfType("tls:index:RevocationList"));
        Assert.Equal("cert:etcd-ca", crl.Inputs["caCertPem"].AsString());
        Assert.Equal("key:etcd-ca", crl.Inputs["caPrivateKeyPem"].Unwrapped.AsString());
    }

    [Fact]
    public async Task EtcdCluster_RendersKubeadmPerNodeAndFetchesTheSnapshotOverWg1AfterConverge()
    {
        var cluster = LabSpecs.Lab01Kubernetes;
        var hostKey = "ssh-ed25519 " + Convert.ToBase64String(new byte[51]);
        var endpoints = cluster.Nodes.Select(n => new AccessEndpoint(
            n.Name, n.PlaneAddresses["wg1"].ToString(), Output.Create(hostKey), Output.Create(SshHostKeyPin.OfPublicKeyLine(hostKey)))).ToList();

        var result = await DeploymentTest.RunAsync(StackProgram.Create(stack =>
        {
            var converge = new ComponentResource("kubedos:components:Converge", "converge");
            _ = new EtcdCluster("etcd", new EtcdClusterArgs
            {
                Cluster = cluster,
                Pki = Pki(cluster),
                Access = new NodeAccess("ops", Output.CreateSecret("ssh-key"), endpoints),
                OutDirectory = "/srv/out/lab-01",
                Stack = "lab-01",
                SnapshotTriggers = ["1"],
            }, new ResourceOptions { DependsOn = [converge] });
        }), Tls, new TestOptions { ProjectName = "kubedos", StackName = "lab-01" });

        Assert.Null(result.ProgramError);
        var converged = result.Single("kubedos:components:Converge", "converge");
        var files = result.OfType("kubernetes:yaml:RenderedFile");
        Assert.Equal(["kubeadm/cp-1.yaml", "kubeadm/cp-2.yaml", "kubeadm/cp-3.yaml", "kubeadm/w-1.yaml"], files.Select(f => f.Inputs["path"].AsString()).Order(StringComparer.Ordinal));
        Assert.All(files, f => Assert.Equal("/srv/out/lab-01/kubernetes", f.Inputs["directory"].AsString()));
        var snapshot = result.Single("command:local:Command", "etcd-snapshot");
        Assert.Contains(converged.Urn, snapshot.Dependencies);
        var script = snapshot.Inputs["create"].AsString();
        Assert.Contains($"try 'cp-1' '{cluster.Node("cp-1").PlaneAddresses["wg1"]}'", script, StringComparison.Ordinal);
        Assert.Contains("'/srv/out/lab-01/etcd-snapshots'", script, StringComparison.Ordinal);
        Assert.Contains("StrictHostKeyChecking=yes", script, StringComparison.Ordinal);
        Assert.DoesNotContain("w-1", script, StringComparison.Ordinal);
        Assert.Contains(hostKey, snapshot.Inputs["environment"].AsObject()[EtcdSnapshotFetch.KnownHostsVariable].Unwrapped.AsString(), StringComparison.Ordinal);
    }

    private static EtcdPki Pki(NormalisedCluster cluster) => new("etcd-pki", new EtcdPkiArgs
    {
        Membership = EtcdMembership.Of(cluster),
        IntermediateCertPem = Output.Create(Intermediate.Value),
        IntermediateKeyPem = Output.CreateSecret("intermediate-key"),
        LeafDays = 90,
        OutDirectory = Path.Combine(Path.GetTempPath(), "kubedos-etcd-wiring"),
    });

    // A real CA certificate: the etcd CA's lifetime is cut to what is left of it.
    private static readonly Lazy<string> Intermediate = new(() =>
    {
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var certificate = CertificateIssuer.SelfSign(key, CertificateProfile.Authority("wiring intermediate", 24 * 365, pathLength: 1), DateTimeOffset.UtcNow);
        return CertificateIssuer.ToPem(certificate);
    });
}
