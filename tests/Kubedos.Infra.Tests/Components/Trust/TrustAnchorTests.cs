using Kubedos.Components.Trust;
using Kubedos.Pki;
using Kubedos.Spec.Model;

namespace Kubedos.Infra.Tests.Components.Trust;

public sealed class TrustAnchorTests
{
    private static readonly Lazy<(TrustMaterial Material, string RootPin)> Offline = new(Create);

    [Fact]
    public void Verify_OfflineCa_GivesRootAndIntermediatePins()
    {
        var anchor = TrustAnchor.Verify(new BootstrapSpec { Model = BootstrapModel.OfflineCa }, Offline.Value.Material);

        Assert.Equal(Offline.Value.RootPin, anchor.RootPin);
        Assert.NotEqual(anchor.RootPin, anchor.CaPin);
        Assert.True(SpkiPin.IsWellFormed(anchor.CaPin));
    }

    [Fact]
    public void Verify_PinnedCaMatching_Passes()
    {
        var anchor = TrustAnchor.Verify(new BootstrapSpec { Model = BootstrapModel.PinnedCa, CaFingerprint = Offline.Value.RootPin }, Offline.Value.Material);

        Assert.Equal(Offline.Value.RootPin, anchor.RootPin);
    }

    [Fact]
    public void Verify_PinnedCaOtherPin_FailsNamingCaFingerprint()
    {
        var other = "sha256:" + new string('a', 64);

        var e = Assert.Throws<TrustBootstrapException>(() =>
            TrustAnchor.Verify(new BootstrapSpec { Model = BootstrapModel.PinnedCa, CaFingerprint = other }, Offline.Value.Material));

        Assert.Equal(TrustAnchor.FingerprintField, e.Field);
        Assert.Contains(Offline.Value.RootPin, e.Message, StringComparison.Ordinal);
        Assert.Contains(other, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_PinnedCaWithoutFingerprint_FailsNamingCaFingerprint()
    {
        var e = Assert.Throws<TrustBootstrapException>(() => TrustAnchor.Verify(new BootstrapSpec { Model = BootstrapModel.PinnedCa }, Offline.Value.Material));

        Assert.Equal(TrustAnchor.FingerprintField, e.Field);
    }

    [Fact]
    public void Verify_ToFu_IsRefusedNamingTheModelAndTheEscape()
    {
        var e = Assert.Throws<TrustBootstrapException>(() => TrustAnchor.Verify(new BootstrapSpec { Model = BootstrapModel.ToFu }, Offline.Value.Material));

        Assert.Equal(TrustAnchor.ModelField, e.Field);
        Assert.Contains(TrustMaterial.AllowToFuKey, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NoMaterialAtAll_NamesEveryMissingKeyAndTheCommandThatMakesThem()
    {
        var material = new TrustMaterial(null, null, null, allowToFu: false);

        var e = Assert.Throws<TrustBootstrapException>(() => TrustAnchor.Verify(new BootstrapSpec(), material));

        Assert.Contains($"config {TrustMaterial.RootCertKey}, {TrustMaterial.IntermediateCertKey}, {TrustMaterial.IntermediateKeyKey} are not set", e.Message, StringComparison.Ordinal);
        Assert.Contains("kubedos pki init-offline-root", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_MissingIntermediateKey_NamesTheConfigKey()
    {
        var material = new TrustMaterial(Offline.Value.Material.RootCertPem, Offline.Value.Material.IntermediateCertPem, null, allowToFu: false);

        var e = Assert.Throws<TrustBootstrapException>(() => TrustAnchor.Verify(new BootstrapSpec(), material));

        Assert.Equal(TrustMaterial.IntermediateKeyKey, e.Field);
    }

    [Fact]
    public void Verify_IntermediateFromAnotherRoot_NamesTheIntermediate()
    {
        var (foreign, _) = Create();
        var material = new TrustMaterial(Offline.Value.Material.RootCertPem, foreign.IntermediateCertPem, foreign.IntermediateKeyText(), allowToFu: false);

        var e = Assert.Throws<TrustBootstrapException>(() => TrustAnchor.Verify(new BootstrapSpec(), material));

        Assert.Equal(TrustMaterial.IntermediateCertKey, e.Field);
    }

    [Fact]
    public async Task FromConfig_RelativePaths_ResolveAgainstTheBaseDirectory()
    {
        var dir = Directory.CreateTempSubdirectory("kubedos-material-").FullName;
        try
        {
            var material = Offline.Value.Material;
            File.WriteAllText(Path.Combine(dir, "root.pem"), material.RootCertPem);
            File.WriteAllText(Path.Combine(dir, "intermediate.pem"), material.IntermediateCertPem);
            var config = new Dictionary<string, string>
            {
                [TrustMaterial.RootCertKey] = "root.pem",
                [TrustMaterial.IntermediateCertKey] = "intermediate.pem",
                [TrustMaterial.IntermediateKeyKey] = material.IntermediateKeyText(),
            };
            TrustMaterial? read = null;
            var workspace = Kubedos.Engine.Automation.Workspace.Create(new Kubedos.Engine.Automation.WorkspaceOptions
            {
                ProjectName = "kubedos",
                WorkDir = dir,
                Program = Kubedos.Engine.Automation.StackProgram.Create(s => read = TrustMaterial.FromConfig(s, dir)),
                Config = _ => config,
                Environment = _ => null,
            });

            await (await workspace.CreateStackAsync("dev")).PreviewAsync();

            Assert.Equal(material.RootCertPem, read!.RootCertPem);
            Assert.Equal(Path.Combine(dir, "root.pem"), read.RootSource);
            Assert.Equal(Offline.Value.RootPin, TrustAnchor.Verify(new BootstrapSpec(), read).RootPin);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Material_ToString_NeverShowsTheKey()
    {
        Assert.DoesNotContain("PRIVATE KEY", Offline.Value.Material.ToString(), StringComparison.Ordinal);
    }

    private static (TrustMaterial, string) Create()
    {
        var now = TimeProvider.System.GetUtcNow();
        using var rootKey = PrivateKeyMaterial.Generate(KeyAlgorithm.EcdsaP256);
        using var root = CertificateIssuer.SelfSign(rootKey, CertificateProfile.Authority("anchor test root", 48, pathLength: 1), now);
        var (intermediate, key) = ClusterAuthority.CreateIntermediate(root, rootKey, "anchor-test", 24, now);
        using (intermediate)
        using (key)
        {
            return (new TrustMaterial(CertificateIssuer.ToPem(root), CertificateIssuer.ToPem(intermediate), key.ExportPrivateKeyPem(), allowToFu: false), SpkiPin.Of(root));
        }
    }
}
