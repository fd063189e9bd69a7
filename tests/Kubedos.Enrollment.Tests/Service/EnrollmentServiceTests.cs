using System.Security.Cryptography.X509Certificates;
using Kubedos.Enrollment.Audit;
using Kubedos.Enrollment.Client;
using Kubedos.Enrollment.Revocation;
using Kubedos.Enrollment.Service;
using Kubedos.Enrollment.Tokens;
using Kubedos.Pki;
using Kubedos.Testing;

namespace Kubedos.Enrollment.Tests.Service;

public sealed class EnrollmentServiceTests
{
    [Fact]
    public async Task Enroll_GoodJoin_AdmittedWithCertificateBindingTheNodeKey()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);

        var identity = await lab.EnrollAsync(lab.TokenFor("node-1"), "node-1", key);

        using var cert = X509Certificate2.CreateFromPem(identity.CertificatePem);
        Assert.Equal(key.Pin, SpkiPin.Of(cert));
        Assert.Equal("node-1", cert.GetNameInfo(X509NameType.SimpleName, false));
        var san = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["node-1"], san.EnumerateDnsNames());
        Assert.Equal(["127.0.0.1"], san.EnumerateIPAddresses().Select(a => a.ToString()));
        Assert.Equal(identity.Serial, cert.SerialNumber.ToLowerInvariant());
        var record = Assert.Single(lab.AuditRecords());
        Assert.Equal(("enroll", "node-1", "admit"), (record.Event, record.Node, record.Decision));
        Assert.Equal(identity.Serial, record.Details["issuedSerial"]);
        Assert.Equal(identity.Serial, Assert.Single(lab.Ledger.Of("node-1")).Serial);
    }

    [LabFact("openssl")]
    public async Task Enroll_IssuedCertificate_PassesOpensslStrictVerifyAgainstRootAndIntermediate()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.Rsa2048);

        var identity = await lab.EnrollAsync(lab.TokenFor("node-2"), "node-2", key);

        var dir = lab.Directory;
        await File.WriteAllTextAsync(Path.Combine(dir, "root-ca.pem"), CertificateIssuer.ToPem(lab.Authority.Root));
        await File.WriteAllTextAsync(Path.Combine(dir, "intermediate-ca.pem"), CertificateIssuer.ToPem(lab.Authority.Intermediate));
        await File.WriteAllTextAsync(Path.Combine(dir, "node-2.pem"), identity.CertificatePem);
        var start = new System.Diagnostics.ProcessStartInfo("openssl", ["verify", "-x509_strict", "-purpose", "sslclient",
            "-CAfile", "root-ca.pem", "-untrusted", "intermediate-ca.pem", "node-2.pem"])
        { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var openssl = System.Diagnostics.Process.Start(start)!;
        var output = await openssl.StandardOutput.ReadToEndAsync() + await openssl.StandardError.ReadToEndAsync();
        await openssl.WaitForExitAsync();
        Assert.True(openssl.ExitCode == 0, output);
    }

    [Fact]
    public async Task Enroll_NoToken_RejectedMissingToken()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var csr = CertificateIssuer.CreateSigningRequestPem(key, CertificateProfile.Leaf("node-1", 1));

        var error = await Assert.ThrowsAsync<EnrollmentRefusedException>(() => lab.Client.PostAsync(
            lab.Service.Address, "v1/enroll", new EnrollmentRequest("node-1", "127.0.0.1", null, null, csr), lab.Authority.CaPin, null, CancellationToken.None));

        AssertRejected(lab, error, EnrollmentRejection.MissingToken, "node-1");
    }

    [Fact]
    public async Task Enroll_WrongTokenSecret_RejectedBadProof()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        var real = lab.TokenFor("node-1");
        var forged = real with { Token = real.Token with { Secret = JoinToken.Generate().Secret } };
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);

        var error = await Assert.ThrowsAsync<EnrollmentRefusedException>(() => lab.EnrollAsync(forged, "node-1", key));

        AssertRejected(lab, error, EnrollmentRejection.BadProof, "node-1");
        Assert.Null(lab.Tokens.Find(real.Token.Id)!.UsedAt);
    }

    [Fact]
    public async Task Enroll_UnknownToken_Rejected()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        var token = new EnrollmentToken(JoinToken.Generate(), lab.Authority.CaPin);
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);

        var error = await Assert.ThrowsAsync<EnrollmentRefusedException>(() => lab.EnrollAsync(token, "node-1", key));

        AssertRejected(lab, error, EnrollmentRejection.UnknownToken, "node-1");
    }

    [Fact]
    public async Task Enroll_AfterJoinWindow_RejectedExpired()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        var token = lab.TokenFor("node-1");
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);

        lab.Time.Advance(TimeSpan.FromMinutes(31));
        var error = await Assert.ThrowsAsync<EnrollmentRefusedException>(() => lab.EnrollAsync(token, "node-1", key));

        AssertRejected(lab, error, EnrollmentRejection.JoinWindowExpired, "node-1");
    }

    [Fact]
    public async Task Enroll_TokenReused_SecondRejected()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        var token = lab.TokenFor("node-1");
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        await lab.EnrollAsync(token, "node-1", key);

        var error = await Assert.ThrowsAsync<EnrollmentRefusedException>(() => lab.EnrollAsync(token, "node-1", key));

        AssertRejected(lab, error, EnrollmentRejection.TokenUsed, "node-1");
        Assert.Equal(["admit", "reject"], lab.AuditRecords().Select(r => r.Decision));
    }

    [Fact]
    public async Task Enroll_OneTokenRacedByManyJoins_ExactlyOneAdmitted()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        var token = lab.TokenFor("node-1");
        var keys = Enumerable.Range(0, 6).Select(_ => PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256)).ToList();

        var outcomes = await Task.WhenAll(keys.Select(async key =>
        {
            try
            {
                await lab.EnrollAsync(token, "node-1", key);
                return "admitted";
            }
            catch (EnrollmentRefusedException e)
            {
                return e.Reason;
            }
        }));

        Assert.Single(outcomes, o => o == "admitted");
        Assert.All(outcomes.Where(o => o != "admitted"), o => Assert.Equal(EnrollmentRejection.TokenUsed, o));
        Assert.Single(lab.Ledger.Of("node-1"));

        // One admission, one token-used refusal in full; the other four from the same source counted when the window closes.
        lab.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(
            [("admit", "admitted", null), ("reject", EnrollmentRejection.TokenUsed, null), ("reject", EnrollmentRejection.TokenUsed, "4")],
            lab.AuditRecords().Select(r => (r.Decision, r.Reason, r.Details.GetValueOrDefault("repeated"))).OrderBy(r => r.Item3 ?? string.Empty).ThenBy(r => r.Item1));
        keys.ForEach(k => k.Dispose());
    }

    [Fact]
    public async Task Enroll_WrongCaPin_ClientRefusesBeforeSendingAnything()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        var token = lab.TokenFor("node-1") with { CaPin = "sha256:" + new string('0', 64) };
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);

        var error = await Assert.ThrowsAsync<EnrollmentRefusedException>(() => lab.EnrollAsync(token, "node-1", key));

        Assert.Equal(EnrollmentRefusedException.ServerNotPinned, error.Reason);
        Assert.Contains("not the cluster's enrollment service", error.Message, StringComparison.Ordinal);

        // The service never saw a request: no decision, and the token is still unspent.
        Assert.Empty(lab.AuditRecords());
        Assert.Null(lab.Tokens.Find(token.Token.Id)!.UsedAt);
    }

    [Fact]
    public async Task Enroll_TokenBoundToAnotherCa_RejectedBadProof()
    {
        await using var lab = await EnrollmentLab.StartAsync();

        // The root's pin: TLS passes only if the root is presented; either way the proof binds the pin
        // the client used, so a token aimed at another CA never admits here.
        var token = lab.TokenFor("node-1") with { CaPin = lab.Authority.CaPin };
        var proof = JoinTokenProof.Compute(token.Token.Secret, lab.Authority.RootPin, "node-1", "127.0.0.1", "csr");
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var csr = CertificateIssuer.CreateSigningRequestPem(key, CertificateProfile.Leaf("node-1", 1));

        var error = await Assert.ThrowsAsync<EnrollmentRefusedException>(() => lab.Client.PostAsync(
            lab.Service.Address, "v1/enroll", new EnrollmentRequest("node-1", "127.0.0.1", token.Token.Id, proof, csr), lab.Authority.CaPin, null, CancellationToken.None));

        AssertRejected(lab, error, EnrollmentRejection.BadProof, "node-1");
    }

    [Fact]
    public async Task Enroll_UndeclaredNode_Rejected()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        var token = lab.TokenFor("ghost");
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);

        var error = await Assert.ThrowsAsync<EnrollmentRefusedException>(() => lab.EnrollAsync(token, "ghost", key));

        AssertRejected(lab, error, EnrollmentRejection.UndeclaredNode, "ghost");
    }

    [Fact]
    public async Task Enroll_FromAnAddressNotDeclaredForTheNode_Rejected()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        var token = lab.TokenFor("node-3");
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);

        var error = await Assert.ThrowsAsync<EnrollmentRefusedException>(() => lab.EnrollAsync(token, "node-3", key));

        AssertRejected(lab, error, EnrollmentRejection.UndeclaredAddress, "node-3");
    }

    [Fact]
    public async Task Enroll_DeclaredAddressClaimedFromAnotherSource_Rejected()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        var token = lab.TokenFor("node-4");
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);

        // node-4 is declared at 127.0.0.2 and claims it, but the connection comes from 127.0.0.1.
        var error = await Assert.ThrowsAsync<EnrollmentRefusedException>(() => lab.Client.EnrollAsync(
            lab.Service.Address, token, "node-4", System.Net.IPAddress.Parse("127.0.0.2"), key, CancellationToken.None));

        AssertRejected(lab, error, EnrollmentRejection.SourceAddressMismatch, "node-4");
        Assert.Equal("127.0.0.1", lab.AuditRecords()[^1].Details["source"]);
    }

    [Fact]
    public async Task Enroll_TokenOfAnotherNode_Rejected()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        var token = lab.TokenFor("node-2");
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);

        var error = await Assert.ThrowsAsync<EnrollmentRefusedException>(() => lab.EnrollAsync(token, "node-1", key));

        AssertRejected(lab, error, EnrollmentRejection.TokenForOtherNode, "node-1");
    }

    [Fact]
    public async Task Enroll_RevokedNode_RejectedWithTokenMintedBeforeRevocation()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var identity = await lab.EnrollAsync(lab.TokenFor("node-1"), "node-1", key);
        var stolen = lab.TokenFor("node-1");
        lab.Time.Advance(TimeSpan.FromMinutes(1));

        var revoked = await NodeRevocation.RevokeAsync("node-1", "compromised", lab.Ledger, lab.Revocations, lab.Audit, lab.Time, CancellationToken.None);
        var error = await Assert.ThrowsAsync<EnrollmentRefusedException>(() => lab.EnrollAsync(stolen, "node-1", key));

        Assert.Equal(identity.Serial, Assert.Single(revoked).Serial);
        Assert.True(lab.Revocations.IsRevoked(identity.Serial));
        AssertRejected(lab, error, EnrollmentRejection.NodeRevoked, "node-1");
        Assert.Equal(["admit", "revoke", "reject"], lab.AuditRecords().Select(r => r.Decision));

        // A replacement node gets a token minted after the revocation, and is admitted.
        lab.Time.Advance(TimeSpan.FromMinutes(1));
        using var replacementKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var replacement = await lab.EnrollAsync(lab.TokenFor("node-1"), "node-1", replacementKey);
        Assert.False(lab.Revocations.IsRevoked(replacement.Serial));
    }

    [Fact]
    public async Task Renew_EnrolledNode_NewKeyCertifiedWhileOldStaysValid()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        using var oldKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var first = await lab.EnrollAsync(lab.TokenFor("node-1"), "node-1", oldKey);
        using var current = EnrollmentLab.WithKey(first, oldKey);
        using var newKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        lab.Time.Advance(TimeSpan.FromDays(80));

        var second = await lab.Client.RenewAsync(lab.Service.Address, lab.Authority.CaPin, "node-1", current, newKey, CancellationToken.None);

        using var renewed = X509Certificate2.CreateFromPem(second.CertificatePem);
        Assert.Equal(newKey.Pin, SpkiPin.Of(renewed));
        Assert.NotEqual(first.Serial, second.Serial);
        Assert.False(lab.Revocations.IsRevoked(first.Serial));
        Assert.True(current.NotAfter.ToUniversalTime() > lab.Time.GetUtcNow().UtcDateTime, "the old certificate overlaps the new one");
        Assert.Equal(["enroll", "renew"], lab.AuditRecords().Select(r => r.Event));
        Assert.Equal(2, lab.Ledger.Of("node-1").Count);
    }

    [Fact]
    public async Task Renew_RevokedCertificate_Rejected()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        using var oldKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var first = await lab.EnrollAsync(lab.TokenFor("node-1"), "node-1", oldKey);
        using var current = EnrollmentLab.WithKey(first, oldKey);
        await NodeRevocation.RevokeAsync("node-1", "compromised", lab.Ledger, lab.Revocations, lab.Audit, lab.Time, CancellationToken.None);
        using var newKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);

        var error = await Assert.ThrowsAsync<EnrollmentRefusedException>(() =>
            lab.Client.RenewAsync(lab.Service.Address, lab.Authority.CaPin, "node-1", current, newKey, CancellationToken.None));

        AssertRejected(lab, error, EnrollmentRejection.CertificateRevoked, "node-1");
    }

    [Fact]
    public async Task Renew_WithoutClientCertificate_Rejected()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var csr = CertificateIssuer.CreateSigningRequestPem(key, CertificateProfile.Leaf("node-1", 1));

        var error = await Assert.ThrowsAsync<EnrollmentRefusedException>(() => lab.Client.PostAsync(
            lab.Service.Address, "v1/renew", new RenewalRequest(csr), lab.Authority.CaPin, null, CancellationToken.None));

        AssertRejected(lab, error, EnrollmentRejection.NoClientCertificate, string.Empty);
    }

    [Fact]
    public async Task Decisions_AllInAuditLog_AndOneChangedByteBreaksVerify()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        using var key = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var token = lab.TokenFor("node-1");
        await lab.EnrollAsync(token, "node-1", key);
        await Assert.ThrowsAsync<EnrollmentRefusedException>(() => lab.EnrollAsync(token, "node-1", key));
        await Assert.ThrowsAsync<EnrollmentRefusedException>(() => lab.EnrollAsync(lab.TokenFor("ghost"), "ghost", key));

        var records = lab.AuditRecords();
        Assert.Equal(
            [("admit", "admitted"), ("reject", EnrollmentRejection.TokenUsed), ("reject", EnrollmentRejection.UndeclaredNode)],
            records.Select(r => (r.Decision, r.Reason)));
        Assert.True(AuditLog.Verify(lab.AuditPath).IsValid);
        Assert.DoesNotContain(token.Token.Secret, await File.ReadAllTextAsync(lab.AuditPath), StringComparison.Ordinal);

        var bytes = await File.ReadAllBytesAsync(lab.AuditPath);
        var at = Array.IndexOf(bytes, (byte)'"', 40);
        bytes[at + 1] ^= 0x01;
        await File.WriteAllBytesAsync(lab.AuditPath, bytes);
        var verification = AuditLog.Verify(lab.AuditPath);
        Assert.False(verification.IsValid);
        Assert.Equal(1, verification.FirstBadLine);
    }

    private static void AssertRejected(EnrollmentLab lab, EnrollmentRefusedException error, string reason, string node)
    {
        Assert.Equal(reason, error.Reason);
        var last = lab.AuditRecords()[^1];
        Assert.Equal(("reject", reason, node), (last.Decision, last.Reason, last.Node));
        Assert.False(string.IsNullOrEmpty(last.Details["message"]));
    }
}
