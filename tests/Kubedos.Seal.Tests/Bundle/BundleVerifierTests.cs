using System.Text;
using Kubedos.Seal.Attestation;
using Kubedos.Seal.Bundle;

namespace Kubedos.Seal.Tests.Bundle;

public sealed class BundleVerifierTests
{
    [Fact]
    public void Verify_FreshSeal_EveryCheckPasses()
    {
        using var bundle = new SampleBundle();

        var result = BundleVerifier.Verify(bundle.Directory, bundle.Key.Public);

        Assert.True(result.Passed, string.Join("\n", result.Checks.Where(c => !c.Passed)));
        Assert.Contains(result.Checks, c => c is { File: "sbom/node-software.cdx.json", Rule: "schema", Passed: true });
        Assert.Contains(result.Checks, c => c is { File: "sbom/kubedos-agent.spdx.json", Rule: "signature", Passed: true });
        Assert.Contains(result.Checks, c => c is { File: BundleLayout.ManifestFile, Rule: "provenance-subject", Passed: true });
        Assert.Contains(result.Checks, c => c is { File: BundleLayout.ProvenanceFile, Rule: "signature", Passed: true });
    }

    [Theory]
    [InlineData("sbom/node-software.cdx.json")]
    [InlineData("sbom/kubedos-agent.spdx.json")]
    [InlineData("clusterspec.yaml")]
    [InlineData("acceptance-report.json")]
    [InlineData("pki/root-ca.pem")]
    public void Verify_OneByteFlipped_FailsNamingTheFile(string file)
    {
        using var bundle = new SampleBundle();
        var bytes = File.ReadAllBytes(bundle.PathOf(file));
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(bundle.PathOf(file), bytes);

        var result = BundleVerifier.Verify(bundle.Directory, bundle.Key.Public);

        Assert.False(result.Passed);
        Assert.Contains(result.Checks, c => c is { Passed: false, Rule: "digest" } && c.File == file);
    }

    [Theory]
    [InlineData(BundleLayout.ManifestFile)]
    [InlineData(BundleLayout.ProvenanceFile)]
    public void Verify_SignedUnlistedFileChanged_FailsOnItsSignature(string file)
    {
        using var bundle = new SampleBundle();
        File.AppendAllText(bundle.PathOf(file), " ");

        var result = BundleVerifier.Verify(bundle.Directory, bundle.Key.Public);

        Assert.Equal((file, "signature-payload"), (result.FirstFailure!.File, result.FirstFailure.Rule));
    }

    [Theory]
    [InlineData(BundleLayout.RunbooksFile)]
    [InlineData(BundleLayout.ArtifactsFile)]
    [InlineData(BundleLayout.ClusterSpecFile)]
    public void Verify_SealedWithoutARequiredFile_ManifestIncompleteNamingIt(string file)
    {
        using var bundle = new SampleBundle();
        File.Delete(bundle.PathOf(file));
        bundle.Reseal();

        var result = BundleVerifier.Verify(bundle.Directory, bundle.Key.Public);

        var check = Assert.Single(result.Checks, c => c.Rule == "manifest-complete");
        Assert.False(check.Passed);
        Assert.Contains(file, check.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Checks, c => c.Rule is "digest" or "signature" && !c.Passed);
    }

    [Fact]
    public void Verify_SbomInOneFormatOnly_ManifestIncompleteNamingTheOther()
    {
        using var bundle = new SampleBundle();
        File.Delete(bundle.PathOf("sbom/kubedos-agent.spdx.json"));
        bundle.Reseal();

        var check = Assert.Single(BundleVerifier.Verify(bundle.Directory, bundle.Key.Public).Checks, c => c.Rule == "manifest-complete");

        Assert.False(check.Passed);
        Assert.Contains("sbom/kubedos-agent.spdx.json (the other format of sbom/kubedos-agent.cdx.json)", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_FileDropped_FileMissing()
    {
        using var bundle = new SampleBundle();
        File.Delete(bundle.PathOf("pki/root-ca.pem"));

        var failure = BundleVerifier.Verify(bundle.Directory, bundle.Key.Public).FirstFailure;

        Assert.Equal(("pki/root-ca.pem", "file-missing"), (failure!.File, failure.Rule));
    }

    [Fact]
    public void Verify_SbomEnvelopeDropped_SignatureMissing()
    {
        using var bundle = new SampleBundle();
        File.Delete(bundle.PathOf(BundleLayout.EnvelopeOf("sbom/node-software.spdx.json")));

        var result = BundleVerifier.Verify(bundle.Directory, bundle.Key.Public);

        Assert.Contains(result.Checks, c => c is { File: "signatures/sbom/node-software.spdx.json.dsse.json", Rule: "signature-missing" });
    }

    [Fact]
    public void Verify_UnlistedFileAdded_FailsNamingIt()
    {
        using var bundle = new SampleBundle();
        File.WriteAllText(bundle.PathOf("pki/extra.pem"), "x");

        var failure = BundleVerifier.Verify(bundle.Directory, bundle.Key.Public).FirstFailure;

        Assert.Equal(("pki/extra.pem", "unlisted-file"), (failure!.File, failure.Rule));
    }

    [Fact]
    public void Verify_SignaturesSwappedBetweenEnvelopes_Fails()
    {
        using var bundle = new SampleBundle();
        var a = bundle.PathOf(BundleLayout.EnvelopeOf("sbom/node-software.cdx.json"));
        var b = bundle.PathOf(BundleLayout.EnvelopeOf("sbom/kubedos-agent.cdx.json"));
        var envelopeA = DsseEnvelope.Parse(File.ReadAllBytes(a));
        var envelopeB = DsseEnvelope.Parse(File.ReadAllBytes(b));
        File.WriteAllBytes(a, (envelopeA with { Signatures = envelopeB.Signatures }).ToJson());

        var result = BundleVerifier.Verify(bundle.Directory, bundle.Key.Public);

        Assert.Contains(result.Checks, c => c is { Passed: false, Rule: "signature" } && c.File == BundleLayout.EnvelopeOf("sbom/node-software.cdx.json"));
    }

    [Fact]
    public void Verify_WholeEnvelopesSwapped_PayloadMismatch()
    {
        using var bundle = new SampleBundle();
        File.Copy(bundle.PathOf(BundleLayout.EnvelopeOf("sbom/kubedos-agent.cdx.json")), bundle.PathOf(BundleLayout.EnvelopeOf("sbom/node-software.cdx.json")), overwrite: true);

        var result = BundleVerifier.Verify(bundle.Directory, bundle.Key.Public);

        // A valid envelope, signed by the right key, over another file: its payload is not this SBOM.
        Assert.Contains(result.Checks, c => c is { File: "sbom/node-software.cdx.json", Rule: "signature-payload", Passed: false });
    }

    [Fact]
    public void Verify_AnotherPublicKey_KeyMismatchAndNoSignatureHolds()
    {
        using var bundle = new SampleBundle();
        using var other = SigningKey.Generate();

        var result = BundleVerifier.Verify(bundle.Directory, other.Public);

        Assert.Equal((BundleLayout.SigningKeyFile, "key-mismatch"), (result.FirstFailure!.File, result.FirstFailure.Rule));
        Assert.DoesNotContain(result.Checks, c => c is { Rule: "signature", Passed: true });
    }

    [Fact]
    public void Verify_BundleResealedWithAnotherKey_PinnedKeyRefusesIt()
    {
        using var bundle = new SampleBundle();
        var pinned = bundle.Key.Public;
        using var attacker = SigningKey.Generate();
        File.WriteAllBytes(bundle.PathOf("clusterspec.yaml"), "tampered"u8.ToArray());
        BundleSealer.Seal(bundle.Directory, "lab-01", "lab", "sha256:" + new string('e', 64), [], [], Attestation.ProvenanceRulesTests.Sample(), attacker);

        Assert.True(BundleVerifier.Verify(bundle.Directory, pinned: null).Passed);
        Assert.False(BundleVerifier.Verify(bundle.Directory, pinned).Passed);
    }

    [Fact]
    public void Verify_InvalidSbomSignedAnyway_SchemaFails()
    {
        using var bundle = new SampleBundle();
        File.WriteAllText(bundle.PathOf("sbom/node-software.cdx.json"), "{\"bomFormat\":\"CycloneDX\"}");
        File.Delete(bundle.PathOf(BundleLayout.ManifestFile));
        BundleSealer.Seal(bundle.Directory, "lab-01", "lab", "sha256:" + new string('e', 64), [], [], Attestation.ProvenanceRulesTests.Sample(), bundle.Key);

        var result = BundleVerifier.Verify(bundle.Directory, bundle.Key.Public);

        Assert.Equal(("sbom/node-software.cdx.json", "schema"), (result.FirstFailure!.File, result.FirstFailure.Rule));
    }

    [Fact]
    public void Verify_FailedAcceptance_AcceptanceVerdictFails()
    {
        using var bundle = new SampleBundle();
        File.WriteAllText(bundle.PathOf(BundleLayout.AcceptanceReportFile), SampleBundle.AcceptanceReport.Replace("\"verdict\": \"passed\"", "\"verdict\": \"failed\"", StringComparison.Ordinal));
        BundleSealer.Seal(bundle.Directory, "lab-01", "lab", "sha256:" + new string('e', 64), [], [], Attestation.ProvenanceRulesTests.Sample(), bundle.Key);

        var failure = BundleVerifier.Verify(bundle.Directory, bundle.Key.Public).FirstFailure;

        Assert.Equal((BundleLayout.AcceptanceReportFile, "acceptance-verdict"), (failure!.File, failure.Rule));
    }

    [Fact]
    public void Seal_TwiceWithTheSameInputs_SignedDocumentsByteIdentical()
    {
        using var first = new SampleBundle();
        using var second = new SampleBundle(SigningKey.FromPem(first.Key.ExportPrivateKeyPem()));

        foreach (var file in new[] { BundleLayout.ManifestFile, BundleLayout.ProvenanceFile, "sbom/node-software.cdx.json", "sbom/node-software.spdx.json", "sbom/kubedos-agent.cdx.json" })
        {
            Assert.Equal(File.ReadAllBytes(first.PathOf(file)), File.ReadAllBytes(second.PathOf(file)));
        }
    }

    [Fact]
    public void Seal_NoPrivateKeyAnywhereInTheBundle()
    {
        using var bundle = new SampleBundle();
        var privatePem = bundle.Key.ExportPrivateKeyPem();
        var privateBody = privatePem.Split('\n')[1];

        foreach (var file in BundleLayout.FilesIn(bundle.Directory))
        {
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(bundle.PathOf(file)));
            Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
            Assert.DoesNotContain(privateBody, text, StringComparison.Ordinal);
        }
    }
}
