using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kubedos.Cli;
using Kubedos.Components.Enrollment;
using Kubedos.Components.Trust;
using Kubedos.Enrollment.Audit;
using Kubedos.Enrollment.Client;
using Kubedos.Enrollment.Node;
using Kubedos.Enrollment.Service;
using Kubedos.Enrollment.Tokens;
using Kubedos.Infra.Tests.Components.Trust;

namespace Kubedos.Infra.Tests.Components.Enrollment;

public sealed class ClusterEnrollmentTests
{
    [Fact]
    public async Task Up_ServiceFromThePlanOnLoopback_AdmitsEveryNodeWithItsStackToken()
    {
        var files = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var tokens = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        ClusterEnrollment? enrollment = null;
        await using var stack = await TrustStackFixture.UpAsync(CancellationToken.None, (fixture, trust) =>
        {
            enrollment = new ClusterEnrollment("enrollment", new EnrollmentArgs { Cluster = fixture.Cluster, Trust = trust, OutDirectory = fixture.OutDir });
            foreach (var (name, content) in enrollment.ServiceFiles)
            {
                _ = content.Apply(c => files[name] = c);
            }

            foreach (var agent in enrollment.Agents)
            {
                _ = agent.TokenFile.Apply(t => tokens[agent.Node] = fixture.Capture(t));
            }
        });

        var state = new ServiceState(Path.Combine(stack.Root, "service"));
        Directory.CreateDirectory(state.Directory);
        foreach (var (name, content) in files)
        {
            await File.WriteAllTextAsync(state.PathOf(name), content);
        }

        var options = EnrollmentOptions.FromSpec(30, 90) with { RequireSourceAddress = false };
        await using (var service = await state.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), options, TimeProvider.System, CancellationToken.None))
        {
            foreach (var agent in enrollment!.Agents)
            {
                var address = IPAddress.Parse(agent.Argv[agent.Argv.ToList().IndexOf("--address") + 1]);
                var identity = new NodeIdentityDirectory(Path.Combine(stack.Root, "nodes", agent.Node));
                var enrolled = await new NodeAgent(TimeProvider.System).EnrollAsync(
                    service.Address, EnrollmentToken.Parse(tokens[agent.Node]), agent.Node, address, identity, CancellationToken.None);

                Assert.True(enrolled, agent.Node);
                using var certificate = identity.LoadCertificate();
                Assert.Equal(agent.Node, certificate.GetNameInfo(X509NameType.SimpleName, false));
                stack.Run("openssl", "verify", "-CAfile", Path.Combine(stack.PkiDir, PkiDirectory.RootFile), "-untrusted", Path.Combine(stack.PkiDir, PkiDirectory.IntermediateFile), Path.Combine(identity.Path, NodeIdentityDirectory.CertificateFile));
            }
        }

        var audit = AuditLog.Read(state.PathOf(ServiceState.AuditFile));
        Assert.Equal(stack.Cluster.Nodes.Select(n => n.Name).Order(StringComparer.Ordinal), audit.Where(r => r.Decision == "admit").Select(r => r.Node).Order(StringComparer.Ordinal));

        // What the placed enroll command prints (the agent's line, then node.pem) gives back the serial the service issued.
        foreach (var admit in audit.Where(r => r.Decision == "admit"))
        {
            var pem = await File.ReadAllTextAsync(Path.Combine(stack.Root, "nodes", admit.Node, NodeIdentityDirectory.CertificateFile));
            Assert.Equal(admit.Details["issuedSerial"], ClusterEnrollment.SerialOf($"enrolled: identity in /etc/kubedos/identity\n{pem}"));
        }

        Assert.Throws<FormatException>(() => ClusterEnrollment.SerialOf("kubedos-agent: refused: unknown-token\n"));
    }

    [Fact]
    public async Task Up_AfterNodeRevoke_ServiceGetsTheListAndRefusesTheNode()
    {
        var files = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var tokens = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await using var stack = await TrustStackFixture.UpAsync(CancellationToken.None, (fixture, trust) =>
        {
            var enrollment = new ClusterEnrollment("enrollment", new EnrollmentArgs { Cluster = fixture.Cluster, Trust = trust, OutDirectory = fixture.OutDir });
            foreach (var (name, content) in enrollment.ServiceFiles)
            {
                _ = content.Apply(c => files[name] = c);
            }

            foreach (var agent in enrollment.Agents)
            {
                _ = agent.TokenFile.Apply(t => tokens[agent.Node] = t);
            }
        });
        Assert.False(files.ContainsKey(ServiceState.RevocationsFile));

        Assert.Equal(0, await NodeCommand.RevokeAsync(stack.OutDir, "w-1", "compromised", TimeProvider.System, new StringWriter(), new StringWriter(), CancellationToken.None));
        files.Clear();
        await stack.UpAgainAsync(CancellationToken.None);

        var state = new ServiceState(Path.Combine(stack.Root, "service"));
        Directory.CreateDirectory(state.Directory);
        foreach (var (name, content) in files)
        {
            await File.WriteAllTextAsync(state.PathOf(name), content);
        }

        var options = EnrollmentOptions.FromSpec(30, 90) with { RequireSourceAddress = false };
        await using (var service = await state.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), options, TimeProvider.System, CancellationToken.None))
        {
            var agent = new NodeAgent(TimeProvider.System);
            await Assert.ThrowsAsync<EnrollmentRefusedException>(() => agent.EnrollAsync(
                service.Address, EnrollmentToken.Parse(tokens["w-1"]), "w-1", stack.Cluster.Node("w-1").PlaneAddresses["wg1"], new NodeIdentityDirectory(Path.Combine(stack.Root, "w-1")), CancellationToken.None));
            Assert.True(await agent.EnrollAsync(
                service.Address, EnrollmentToken.Parse(tokens["cp-1"]), "cp-1", stack.Cluster.Node("cp-1").PlaneAddresses["wg1"], new NodeIdentityDirectory(Path.Combine(stack.Root, "cp-1")), CancellationToken.None));
        }

        var rejected = Assert.Single(AuditLog.Read(state.PathOf(ServiceState.AuditFile)), r => r.Decision == "reject");
        Assert.Equal(("w-1", "node-revoked"), (rejected.Node, rejected.Reason));
    }

    [Fact]
    public async Task Up_WritesInventoryAndPlansTheServiceOnTheFirstControlPlane()
    {
        ClusterEnrollment? enrollment = null;
        await using var stack = await TrustStackFixture.UpAsync(CancellationToken.None, (fixture, trust) =>
            enrollment = new ClusterEnrollment("enrollment", new EnrollmentArgs { Cluster = fixture.Cluster, Trust = trust, OutDirectory = fixture.OutDir }));

        Assert.Equal("cp-1", enrollment!.ServiceNode);
        Assert.Equal("https://10.101.0.11:7443/", enrollment.ServiceUrl);
        Assert.Equal(["kubedos-agent", "serve", "--listen", "10.101.0.11:7443"], enrollment.ServeArgv.Take(4));
        Assert.DoesNotContain(enrollment.Agents.SelectMany(a => a.Argv), a => a.StartsWith("kubedos1:", StringComparison.Ordinal));
        var entries = JsonSerializer.Deserialize<List<MembershipEntry>>(
            File.ReadAllText(Path.Combine(stack.OutDir, "inventory.json")), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(stack.Cluster.Nodes.Select(n => n.Name), entries.Select(e => e.Node));
        foreach (var entry in entries)
        {
            var node = stack.Cluster.Node(entry.Node);
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(stack.PkiDir, PkiDirectory.NodesFolder, $"{entry.Node}.pem")));
            Assert.Equal(certificate.SerialNumber.ToLowerInvariant(), entry.CertificateSerial);
            Assert.Equal(node.PlaneAddresses.ToDictionary(p => p.Key, p => p.Value.ToString()), entry.PlaneAddresses);
        }
    }
}
