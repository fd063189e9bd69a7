using System.Net;
using System.Security.Cryptography.X509Certificates;
using Kubedos.Cli;
using Kubedos.Components.Enrollment;
using Kubedos.Enrollment.Audit;
using Kubedos.Pki;

namespace Kubedos.Infra.Tests.Cli;

public sealed class NodeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-node-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Revoke_NodeWithIdentity_ListsItsSerialAndAudits()
    {
        var stackOut = Path.Combine(_dir, "out", "dev");
        var serial = WriteIdentity(stackOut, "w-1");

        var output = new StringWriter();
        var exit = await NodeCommand.RevokeAsync(stackOut, "w-1", "decommissioned", TimeProvider.System, output, new StringWriter(), CancellationToken.None);

        Assert.Equal(ExitCodes.Success, exit);
        var state = EnrollmentStateDirectory.Of(stackOut);
        Assert.True(state.Revocations().IsRevoked(serial));
        var record = Assert.Single(AuditLog.Read(state.AuditPath));
        Assert.Equal(("w-1", "revoke", "decommissioned"), (record.Node, record.Decision, record.Reason));
        Assert.True(AuditLog.Verify(state.AuditPath).IsValid);
        Assert.Contains(serial, output.ToString(), StringComparison.Ordinal);

        var again = new StringWriter();
        Assert.Equal(ExitCodes.Success, await NodeCommand.RevokeAsync(stackOut, "w-1", "again", TimeProvider.System, again, new StringWriter(), CancellationToken.None));
        Assert.Contains("already revoked", again.ToString(), StringComparison.Ordinal);
    }

    // A replacement's token is dated by its certificate's notBefore, whole seconds: minted in the revocation's own second it
    // would read as minted before it and be refused. The revocation returns only once that second is over.
    [Fact]
    public async Task Revoke_ReturnsOnlyOnceTheClockHasLeftTheRevocationsSecond()
    {
        var stackOut = Path.Combine(_dir, "out", "dev");
        WriteIdentity(stackOut, "w-1");

        var revoked = await StackRevocation.RevokeAsync(stackOut, "w-1", "compromised", TimeProvider.System, CancellationToken.None);

        var revokedAt = Assert.Single(revoked).RevokedAt;
        Assert.True(DateTimeOffset.UtcNow.ToUnixTimeSeconds() > revokedAt.ToUnixTimeSeconds(), $"returned within the second of the revocation at {revokedAt:O}");
    }

    [Fact]
    public async Task Revoke_UnknownNode_FailsAndRevokesNothing()
    {
        var stackOut = Path.Combine(_dir, "out", "dev");
        WriteIdentity(stackOut, "w-1");
        var error = new StringWriter();

        var exit = await NodeCommand.RevokeAsync(stackOut, "w-9", "typo", TimeProvider.System, new StringWriter(), error, CancellationToken.None);

        Assert.Equal(ExitCodes.InvalidSpec, exit);
        Assert.Contains("no node 'w-9'", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(EnrollmentStateDirectory.Of(stackOut).Revocations().Entries);
    }

    private static string WriteIdentity(string stackOut, string node)
    {
        var now = TimeProvider.System.GetUtcNow();
        using var rootKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var root = CertificateIssuer.SelfSign(rootKey, CertificateProfile.Authority("test root", 24, pathLength: 1), now);
        var (intermediate, intermediateKey) = ClusterAuthority.CreateIntermediate(root, rootKey, "dev", 24, now);
        using var authority = new ClusterAuthority(root, intermediate, intermediateKey);
        using var nodeKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var certificate = authority.IssueNode(
            PublicKey.CreateFromSubjectPublicKeyInfo(nodeKey.ExportSubjectPublicKeyInfo(), out _), node, [IPAddress.Parse("10.101.0.21")], TimeSpan.FromHours(1), now);
        var dir = Path.Combine(stackOut, "pki", "nodes");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, $"{node}.pem"), CertificateIssuer.ToPem(certificate));
        return certificate.SerialNumber.ToLowerInvariant();
    }

    [Fact]
    public async Task Revoke_CorruptLedger_ExitsSevenNamingTheFileAndLine()
    {
        var stackOut = Path.Combine(_dir, "out", "dev");
        WriteIdentity(stackOut, "w-1");
        var state = EnrollmentStateDirectory.Of(stackOut);
        Directory.CreateDirectory(state.Path);
        File.WriteAllText(state.LedgerPath, "[\n{ \"serial\": ");
        var error = new StringWriter();

        var exit = await NodeCommand.RevokeAsync(stackOut, "w-1", "decommissioned", TimeProvider.System, new StringWriter(), error, CancellationToken.None);

        Assert.Equal(ExitCodes.StateError, exit);
        var line = Assert.Single(error.ToString().TrimEnd().Split('\n'));
        Assert.StartsWith($"kubedos node revoke: {state.LedgerPath}: line 2: not the JSON list", line, StringComparison.Ordinal);
    }
}
