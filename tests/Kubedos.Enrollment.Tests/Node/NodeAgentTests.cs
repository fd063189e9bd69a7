using System.Net;
using Kubedos.Enrollment.Client;
using Kubedos.Enrollment.Node;
using Kubedos.Enrollment.Revocation;
using Kubedos.Enrollment.Service;
using Kubedos.Enrollment.Tests.Service;
using Kubedos.Pki;

namespace Kubedos.Enrollment.Tests.Node;

public sealed class NodeAgentTests
{
    [Fact]
    public async Task EnrollAsync_Fresh_WritesOwnerOnlyKeyAndCertificateForIt()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        var identity = new NodeIdentityDirectory(Path.Combine(lab.Directory, "node-1"));
        var agent = new NodeAgent(lab.Time);

        var enrolled = await agent.EnrollAsync(lab.Service.Address, lab.TokenFor("node-1"), "node-1", IPAddress.Loopback, identity, CancellationToken.None);

        Assert.True(enrolled);
        using var key = PrivateKeyMaterial.FromPem(await File.ReadAllTextAsync(Path.Combine(identity.Path, NodeIdentityDirectory.KeyFile)));
        using var cert = identity.LoadCertificate();
        Assert.Equal(key.Pin, SpkiPin.Of(cert));
        Assert.Contains("BEGIN CERTIFICATE", await File.ReadAllTextAsync(Path.Combine(identity.Path, NodeIdentityDirectory.ChainFile)), StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(identity.Path, NodeIdentityDirectory.KeyFile)));
        }
    }

    [Fact]
    public async Task EnrollAsync_AlreadyEnrolled_SendsNothing()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        var identity = new NodeIdentityDirectory(Path.Combine(lab.Directory, "node-1"));
        var agent = new NodeAgent(lab.Time);
        await agent.EnrollAsync(lab.Service.Address, lab.TokenFor("node-1"), "node-1", IPAddress.Loopback, identity, CancellationToken.None);

        var again = await agent.EnrollAsync(lab.Service.Address, lab.TokenFor("node-1"), "node-1", IPAddress.Loopback, identity, CancellationToken.None);

        Assert.False(again);
        Assert.Single(lab.AuditRecords());
    }

    [Fact]
    public async Task RenewIfDueAsync_InsideWindow_RotatesKeyAndKeepsOldValid()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        var identity = new NodeIdentityDirectory(Path.Combine(lab.Directory, "node-1"));
        var agent = new NodeAgent(lab.Time);
        await agent.EnrollAsync(lab.Service.Address, lab.TokenFor("node-1"), "node-1", IPAddress.Loopback, identity, CancellationToken.None);
        using var before = identity.LoadCertificate();

        var early = await agent.RenewIfDueAsync(lab.Service.Address, lab.Authority.CaPin, identity, TimeSpan.FromDays(30), CancellationToken.None);
        lab.Time.Advance(TimeSpan.FromDays(61));
        var due = await agent.RenewIfDueAsync(lab.Service.Address, lab.Authority.CaPin, identity, TimeSpan.FromDays(30), CancellationToken.None);

        Assert.False(early);
        Assert.True(due);
        using var after = identity.LoadCertificate();
        Assert.NotEqual(SpkiPin.Of(before), SpkiPin.Of(after));
        Assert.True(before.NotAfter.ToUniversalTime() > lab.Time.GetUtcNow().UtcDateTime);
        Assert.False(lab.Revocations.IsRevoked(before.SerialNumber.ToLowerInvariant()));
    }

    [Fact]
    public async Task RenewIfDueAsync_Revoked_RefusedAndIdentityUnchanged()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        var identity = new NodeIdentityDirectory(Path.Combine(lab.Directory, "node-1"));
        var agent = new NodeAgent(lab.Time);
        await agent.EnrollAsync(lab.Service.Address, lab.TokenFor("node-1"), "node-1", IPAddress.Loopback, identity, CancellationToken.None);
        await NodeRevocation.RevokeAsync("node-1", "compromised", lab.Ledger, lab.Revocations, lab.Audit, lab.Time, CancellationToken.None);
        var keyBefore = await File.ReadAllTextAsync(Path.Combine(identity.Path, NodeIdentityDirectory.KeyFile));
        lab.Time.Advance(TimeSpan.FromDays(61));

        var error = await Assert.ThrowsAsync<EnrollmentRefusedException>(() =>
            agent.RenewIfDueAsync(lab.Service.Address, lab.Authority.CaPin, identity, TimeSpan.FromDays(30), CancellationToken.None));

        Assert.Equal(EnrollmentRejection.CertificateRevoked, error.Reason);
        Assert.Equal(keyBefore, await File.ReadAllTextAsync(Path.Combine(identity.Path, NodeIdentityDirectory.KeyFile)));
    }
}
