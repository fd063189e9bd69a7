using System.Text;
using Kubedos.Components.Seal;
using Kubedos.Seal.Bundle;

namespace Kubedos.Infra.Tests.Components.Seal;

public sealed class RecoveryBundleTests
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    [Fact]
    public async Task Seal_StackOutput_BundleVerifiesWithEveryPart()
    {
        using var w = new SealWorkspace();
        await w.WriteAuditLogAsync();

        var outcome = RecoveryBundle.Seal(w.Inputs(), w.Material, Clock, sourceDateEpoch: null);

        Assert.True(outcome.Written);
        var result = BundleVerifier.Verify(w.Bundle, w.Key.Public);
        Assert.True(result.Passed, string.Join("\n", result.Checks.Where(c => !c.Passed)));
        var audit = AuditChainCheck.Run(w.Bundle);
        Assert.Contains(audit, c => c is { File: "enrollment/operator/audit.log", Passed: true });
        foreach (var file in new[]
        {
            "clusterspec.yaml", "acceptance-report.json", "inventory.json", "pki/root-ca.pem", "pki/nodes/cp-1.pem", "enrollment/operator/audit.log",
            "enrollment/audit-heads.json", "artifacts.json", "runbooks.md", "REPRODUCE.md", "signing-key.pub.pem", "manifest.json", "provenance.intoto.json",
            "report.html", "sbom/node-software.cdx.json", "sbom/node-software.spdx.json", "sbom/kubedos-agent.cdx.json", "sbom/kubedos-agent.spdx.json",
            "sbom/kubedos.cdx.json", "sbom/kubedos.spdx.json", "signatures/manifest.json.dsse.json", "signatures/provenance.intoto.json.dsse.json",
        })
        {
            Assert.True(File.Exists(Path.Combine(w.Bundle, file)), file);
        }

        Assert.Contains("the host's dpkg database", File.ReadAllText(Path.Combine(w.Bundle, "sbom/node-software.spdx.json")), StringComparison.Ordinal);
        Assert.Contains("pkg:deb/debian/openssh-server@", File.ReadAllText(Path.Combine(w.Bundle, "sbom/node-software.cdx.json")), StringComparison.Ordinal);
        Assert.Contains("kubedos-agent/kubedos-agent.dll", File.ReadAllText(Path.Combine(w.Bundle, "provenance.intoto.json")), StringComparison.Ordinal);
        Assert.Equal(outcome.ManifestSha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(w.Bundle, "manifest.json")))));
    }

    [Fact]
    public void Seal_SameInputsAgain_LeavesTheBundleUntouched()
    {
        using var w = new SealWorkspace();
        var first = RecoveryBundle.Seal(w.Inputs(), w.Material, Clock, sourceDateEpoch: null);
        var written = File.GetLastWriteTimeUtc(Path.Combine(w.Bundle, "manifest.json"));
        var envelope = File.ReadAllBytes(Path.Combine(w.Bundle, "signatures/manifest.json.dsse.json"));

        var second = RecoveryBundle.Seal(w.Inputs(), w.Material, Clock, sourceDateEpoch: null);

        Assert.False(second.Written);
        Assert.Equal(first.ManifestSha256, second.ManifestSha256);
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(w.Bundle, "manifest.json")));
        Assert.Equal(envelope, File.ReadAllBytes(Path.Combine(w.Bundle, "signatures/manifest.json.dsse.json")));
    }

    [Fact]
    public void Seal_AnInputChanged_SealsAgainAndDropsWhatIsGone()
    {
        using var w = new SealWorkspace();
        RecoveryBundle.Seal(w.Inputs(), w.Material, Clock, sourceDateEpoch: null);
        File.Delete(Path.Combine(w.Out, "pki", "nodes", "cp-1.pem"));

        var again = RecoveryBundle.Seal(w.Inputs(report: SealWorkspace.Report.Replace("lab-01", "lab-01 ", StringComparison.Ordinal)), w.Material, Clock, sourceDateEpoch: null);

        Assert.True(again.Written);
        Assert.False(File.Exists(Path.Combine(w.Bundle, "pki/nodes/cp-1.pem")));
        Assert.True(BundleVerifier.Verify(w.Bundle, w.Key.Public).Passed);
        Assert.False(Directory.Exists(w.Bundle + ".staging"));
        Assert.False(Directory.Exists(w.Bundle + ".previous"));
    }

    [Fact]
    public void Seal_TwiceFromCleanStateWithSourceDateEpoch_DocumentsByteIdentical()
    {
        using var w = new SealWorkspace();
        var otherOut = Path.Combine(w.Root, "out2", "lab-01");
        Directory.CreateDirectory(otherOut);
        foreach (var file in Directory.EnumerateFiles(w.Out, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(otherOut, Path.GetRelativePath(w.Out, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        RecoveryBundle.Seal(w.Inputs(), w.Material, Clock, sourceDateEpoch: 1_765_000_000);
        RecoveryBundle.Seal(w.Inputs(outDirectory: otherOut), w.Material, Clock, sourceDateEpoch: 1_765_000_000);

        // Signatures (signatures/*, randomised ECDSA) and report.html (it shows them) are the only files allowed to differ.
        var files = BundleLayout.FilesIn(w.Bundle).Where(f => !f.StartsWith("signatures/", StringComparison.Ordinal) && f != "report.html").ToList();
        Assert.Equal(files, BundleLayout.FilesIn(Path.Combine(otherOut, "recovery-bundle")).Where(f => !f.StartsWith("signatures/", StringComparison.Ordinal) && f != "report.html"));
        foreach (var file in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(w.Bundle, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(otherOut, "recovery-bundle", file))), file);
        }

        Assert.Contains("\"startedOn\": \"2025-12-06T05:46:40Z\"", File.ReadAllText(Path.Combine(w.Bundle, "provenance.intoto.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Seal_EtcdSnapshots_CarriedIntoEtcdAndANewOneSealsAgain()
    {
        using var w = new SealWorkspace();
        var snapshots = Path.Combine(w.Out, "etcd-snapshots");
        Directory.CreateDirectory(snapshots);
        // A snapshot holds the cluster's Secrets, keys among them: carried as it is, unlike a key in pki/.
        File.WriteAllText(Path.Combine(snapshots, "etcd-lab-01-cp-1-20261206T100000Z.db"), "bolt\n-----BEGIN PRIVATE KEY-----\n");
        RecoveryBundle.Seal(w.Inputs(), w.Material, Clock, sourceDateEpoch: null);
        Assert.True(File.Exists(Path.Combine(w.Bundle, "etcd", "etcd-lab-01-cp-1-20261206T100000Z.db")));

        File.WriteAllText(Path.Combine(snapshots, "etcd-lab-01-cp-2-20261206T110000Z.db"), "bolt 2");
        var again = RecoveryBundle.Seal(w.Inputs(), w.Material, Clock, sourceDateEpoch: null);

        Assert.True(again.Written);
        Assert.Equal(
            ["etcd/etcd-lab-01-cp-1-20261206T100000Z.db", "etcd/etcd-lab-01-cp-2-20261206T110000Z.db"],
            BundleLayout.FilesIn(w.Bundle).Where(f => f.StartsWith("etcd/", StringComparison.Ordinal)));
        Assert.True(BundleVerifier.Verify(w.Bundle, w.Key.Public).Passed);
    }

    [Fact]
    public void Seal_NoPrivateKeyAnywhereInOut()
    {
        using var w = new SealWorkspace();

        RecoveryBundle.Seal(w.Inputs(), w.Material, Clock, sourceDateEpoch: null);

        var body = w.Key.ExportPrivateKeyPem().Split('\n')[1];
        foreach (var file in Directory.EnumerateFiles(Path.Combine(w.Root, "out"), "*", SearchOption.AllDirectories))
        {
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(file));
            Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
            Assert.DoesNotContain(body, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Seal_PrivateKeyInThePkiDirectory_RefusedNamingIt()
    {
        using var w = new SealWorkspace();
        File.WriteAllText(Path.Combine(w.Out, "pki", "stray.key"), w.Key.ExportPrivateKeyPem());

        var e = Assert.Throws<InvalidOperationException>(() => RecoveryBundle.Seal(w.Inputs(), w.Material, Clock, sourceDateEpoch: null));

        Assert.Contains("stray.key", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(w.Bundle));
    }

    [Fact]
    public async Task AuditChainCheck_LogEditedAfterSealing_FailsNamingTheLog()
    {
        using var w = new SealWorkspace();
        await w.WriteAuditLogAsync();
        RecoveryBundle.Seal(w.Inputs(), w.Material, Clock, sourceDateEpoch: null);
        var log = Path.Combine(w.Bundle, "enrollment/operator/audit.log");
        File.WriteAllText(log, File.ReadAllText(log).Replace("unknown-token", "admitted-tok", StringComparison.Ordinal));

        var checks = AuditChainCheck.Run(w.Bundle);

        Assert.Contains(checks, c => c is { File: "enrollment/operator/audit.log", Rule: "audit-chain", Passed: false });
    }
}
