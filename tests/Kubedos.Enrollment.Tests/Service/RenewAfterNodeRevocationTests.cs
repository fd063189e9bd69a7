using Kubedos.Enrollment.Client;
using Kubedos.Enrollment.Revocation;
using Kubedos.Pki;

namespace Kubedos.Enrollment.Tests.Service;

public sealed class RenewAfterNodeRevocationTests
{
    [Fact]
    public async Task Renew_NodeRevokedByNameWithoutTheServiceLedger_Rejected()
    {
        await using var lab = await EnrollmentLab.StartAsync();
        using var oldKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        var first = await lab.EnrollAsync(lab.TokenFor("node-1"), "node-1", oldKey);
        using var current = EnrollmentLab.WithKey(first, oldKey);

        // The operator's machine does not hold the service's ledger: it revokes by name only.
        var operatorLedger = new IssuanceLedger(Path.Combine(lab.Directory, "operator-issued.json"));
        lab.Time.Advance(TimeSpan.FromMinutes(1));
        await NodeRevocation.RevokeAsync("node-1", "compromised", operatorLedger, lab.Revocations, lab.Audit, lab.Time, CancellationToken.None);
        using var newKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);

        var error = await Assert.ThrowsAsync<EnrollmentRefusedException>(() =>
            lab.Client.RenewAsync(lab.Service.Address, lab.Authority.CaPin, "node-1", current, newKey, CancellationToken.None));

        Assert.Equal(Kubedos.Enrollment.Service.EnrollmentRejection.CertificateRevoked, error.Reason);
        Assert.False(lab.Revocations.IsRevoked(first.Serial));
    }
}
