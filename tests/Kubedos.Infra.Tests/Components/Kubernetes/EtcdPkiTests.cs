using System.Security.Cryptography.X509Certificates;
using Kubedos.Components.Kubernetes;
using Kubedos.Components.Trust;
using Kubedos.Engine.Model;
using Kubedos.Infra.Tests.Components.Trust;
using Kubedos.Testing;

namespace Kubedos.Infra.Tests.Components.Kubernetes;

public sealed class EtcdPkiTests
{
    [LabFact("openssl")]
    public async Task Up_EveryEtcdCertificateChainsToTheRootThroughTheEtcdCaUnderTheIntermediate()
    {
        await using var stack = await UpAsync();
        var etcd = Path.Combine(stack.PkiDir, EtcdPki.Folder);
        var chain = Path.Combine(stack.Root, "chain.pem");
        await File.WriteAllTextAsync(chain, File.ReadAllText(Path.Combine(stack.PkiDir, PkiDirectory.IntermediateFile)) + File.ReadAllText(Path.Combine(etcd, "ca.pem")));

        var leaves = Directory.GetFiles(etcd, "*.pem").Where(f => Path.GetFileName(f) is not ("ca.pem" or EtcdPki.CrlFile)).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(3 * 3 + 1, leaves.Count);
        foreach (var leaf in leaves)
        {
            var output = stack.Run("openssl", "verify", "-x509_strict", "-purpose", "sslclient", "-CAfile", Path.Combine(stack.PkiDir, PkiDirectory.RootFile), "-untrusted", chain, leaf);
            Assert.Contains($"{leaf}: OK", output, StringComparison.Ordinal);
        }
    }

    [LabFact("openssl")]
    public async Task Up_ANodeIdentityFromTheSameIntermediate_IsNotTrustedByTheEtcdCaAlone()
    {
        await using var stack = await UpAsync();
        var etcdCa = Path.Combine(stack.PkiDir, EtcdPki.Folder, "ca.pem");

        var member = RunStatus("openssl", "verify", "-partial_chain", "-CAfile", etcdCa, Path.Combine(stack.PkiDir, EtcdPki.Folder, "cp-1-server.pem"));
        var identity = RunStatus("openssl", "verify", "-partial_chain", "-CAfile", etcdCa, Path.Combine(stack.PkiDir, PkiDirectory.NodesFolder, "cp-1.pem"));

        Assert.Equal(0, member);
        Assert.NotEqual(0, identity);
    }

    [Fact]
    public async Task Up_ServerAndPeerNameTheMemberAndItsWg3Address_TheServerItsWg2MetricsAddress_ClientsAreKubeadmsNames()
    {
        await using var stack = await UpAsync();
        var etcd = Path.Combine(stack.PkiDir, EtcdPki.Folder);

        foreach (var member in EtcdMembership.Of(stack.Cluster).Members)
        {
            foreach (var kind in new[] { "server", "peer" })
            {
                using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(etcd, $"{member.Name}-{kind}.pem")));
                var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
                Assert.Equal([member.Name], san.EnumerateDnsNames());
                string[] addresses = kind == "server" ? [member.Address.ToString(), stack.Cluster.Node(member.Name).PlaneAddresses["wg2"].ToString()] : [member.Address.ToString()];
                Assert.Equal(addresses, san.EnumerateIPAddresses().Select(a => a.ToString()));
                Assert.Equal(member.Name, certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
                Assert.Equal("etcd-ca", certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: true));
            }
        }

        using var healthcheck = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(etcd, "healthcheck-client.pem")));
        Assert.Equal(EtcdCertificateProfile.HealthcheckClientName, healthcheck.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(etcd, "ca.pem")));
        var constraints = ca.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(constraints.CertificateAuthority);
        Assert.Equal(0, constraints.PathLengthConstraint);
    }

    [LabFact("openssl")]
    public async Task Revoke_ControlPlane_NextUpSignsItsThreeCertificatesIntoTheEtcdCasList_AWorkerAndARepeatRevokeNothing()
    {
        await using var stack = await UpAsync();
        var etcd = Path.Combine(stack.PkiDir, EtcdPki.Folder);
        Assert.DoesNotContain("Serial Number", stack.Run("openssl", "crl", "-in", Path.Combine(etcd, EtcdPki.CrlFile), "-noout", "-text"), StringComparison.Ordinal);

        var revoked = EtcdRevocations.Revoke(stack.OutDir, "cp-3", "drill", DateTimeOffset.UtcNow);
        Assert.Empty(EtcdRevocations.Revoke(stack.OutDir, "cp-3", "drill", DateTimeOffset.UtcNow));
        Assert.Empty(EtcdRevocations.Revoke(stack.OutDir, "w-1", "drill", DateTimeOffset.UtcNow));
        await stack.UpAgainAsync(CancellationToken.None);

        var expected = new[] { "server", "peer", "apiserver-etcd-client" }
            .Select(f => X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(etcd, $"cp-3-{f}.pem"))).SerialNumber.ToLowerInvariant())
            .ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), revoked.Select(r => r.Serial).Order(StringComparer.Ordinal));
        var text = stack.Run("openssl", "crl", "-in", Path.Combine(etcd, EtcdPki.CrlFile), "-CAfile", Path.Combine(etcd, "ca.pem"), "-noout", "-text");
        Assert.Contains("verify OK", text, StringComparison.Ordinal);
        Assert.All(expected, serial => Assert.Contains($"Serial Number: {serial}", text, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, text.Split("Serial Number:").Length - 1);
    }

    [Fact]
    public async Task Up_RevocationsFileNotJson_FailsNamingTheFile()
    {
        await using var stack = await UpAsync();
        await File.WriteAllTextAsync(EtcdRevocations.PathOf(stack.OutDir), "{ not a list");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => stack.UpAgainAsync(CancellationToken.None));

        Assert.Contains(EtcdRevocations.PathOf(stack.OutDir), error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_NoEtcdKeyInClearUnderOutOrTheState()
    {
        await using var stack = await UpAsync();

        var keys = stack.Secrets.Where(s => s.Contains("PRIVATE KEY", StringComparison.Ordinal)).ToList();
        Assert.True(keys.Count >= (3 * 3) + 1, $"the program saw {keys.Count} keys");
        var needles = keys.Select(k => k.Split('\n')[1]).ToList();
        foreach (var file in Directory.EnumerateFiles(stack.ProjectDir, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain(needles, n => text.Contains(n, StringComparison.Ordinal));
        }
    }

    private static Task<TrustStackFixture> UpAsync() => TrustStackFixture.UpAsync(CancellationToken.None, (fixture, trust) =>
    {
        var pki = new EtcdPki("etcd-pki", new EtcdPkiArgs
        {
            Membership = EtcdMembership.Of(fixture.Cluster),
            IntermediateCertPem = trust.IntermediateCertPem,
            IntermediateKeyPem = trust.IntermediateKeyPem,
            LeafDays = 90,
            OutDirectory = fixture.OutDir,
        }, new ResourceOptions { Parent = trust });
        foreach (var member in pki.Members)
        {
            _ = member.Server.PrivateKeyPem.Apply(fixture.Capture);
            _ = member.Peer.PrivateKeyPem.Apply(fixture.Capture);
            _ = member.ApiserverClient.PrivateKeyPem.Apply(fixture.Capture);
        }

        _ = pki.HealthcheckClient.PrivateKeyPem.Apply(fixture.Capture);
    });

    private static int RunStatus(string file, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }
}
