using Kubedos.Components.Seal;
using Kubedos.Infra.Tests.Components.Seal;
using Kubedos.Operations;
using Kubedos.Operations.Runbooks;

namespace Kubedos.Infra.Tests.Operations.Runbooks;

public sealed class BundleSnapshotTests
{
    private static void Snapshot(SealWorkspace w, string name, string content)
    {
        var folder = Path.Combine(w.Out, "etcd-snapshots");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name), content);
    }

    [Fact]
    public void Newest_OfAVerifiedBundle_IsChosenByItsStampNotItsNodeName()
    {
        using var w = new SealWorkspace();
        Snapshot(w, "etcd-lab-01-cp-1-20261206T110000Z.db", "newer");
        Snapshot(w, "etcd-lab-01-cp-2-20261206T100000Z.db", "older");
        RecoveryBundle.Seal(w.Inputs(), w.Material, TimeProvider.System, sourceDateEpoch: null);

        var newest = BundleSnapshot.Newest(w.Bundle, w.Key.Public.KeyId);

        Assert.Equal("etcd-lab-01-cp-1-20261206T110000Z.db", newest.Name);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 11, 0, 0, TimeSpan.Zero), newest.TakenAt);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("newer"u8)), newest.Sha256);
    }

    [Fact]
    public void Newest_BundleSignedByAnotherKey_IsRefusedNamingBothKeys()
    {
        using var w = new SealWorkspace();
        Snapshot(w, "etcd-lab-01-cp-1-20261206T110000Z.db", "data");
        RecoveryBundle.Seal(w.Inputs(), w.Material, TimeProvider.System, sourceDateEpoch: null);
        using var other = Kubedos.Seal.Attestation.SigningKey.Generate();

        var e = Assert.Throws<OperationRefusedException>(() => BundleSnapshot.Newest(w.Bundle, other.Public.KeyId));

        Assert.Contains(w.Key.Public.KeyId, e.Message, StringComparison.Ordinal);
        Assert.Contains(other.Public.KeyId, e.Message, StringComparison.Ordinal);
        Assert.Contains("kubedos:seal.signingKeyPin", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Newest_SnapshotChangedAfterTheSeal_IsRefusedNamingTheFile()
    {
        using var w = new SealWorkspace();
        Snapshot(w, "etcd-lab-01-cp-1-20261206T110000Z.db", "data");
        RecoveryBundle.Seal(w.Inputs(), w.Material, TimeProvider.System, sourceDateEpoch: null);
        File.AppendAllText(Path.Combine(w.Bundle, "etcd", "etcd-lab-01-cp-1-20261206T110000Z.db"), "tampered");

        var e = Assert.Throws<OperationRefusedException>(() => BundleSnapshot.Newest(w.Bundle, w.Key.Public.KeyId));

        Assert.Contains("etcd/etcd-lab-01-cp-1-20261206T110000Z.db", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not verify", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Newest_BundleWithoutSnapshots_IsRefused()
    {
        using var w = new SealWorkspace();
        RecoveryBundle.Seal(w.Inputs(), w.Material, TimeProvider.System, sourceDateEpoch: null);

        var e = Assert.Throws<OperationRefusedException>(() => BundleSnapshot.Newest(w.Bundle, null));

        Assert.Contains("holds no etcd snapshot", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Newest_NoBundle_IsRefused()
    {
        var e = Assert.Throws<OperationRefusedException>(() => BundleSnapshot.Newest(Path.Combine(Path.GetTempPath(), "kubedos-no-such-bundle"), null));

        Assert.Contains("there is no recovery bundle", e.Message, StringComparison.Ordinal);
    }
}
