using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kubedos.Components.Seal;
using Kubedos.Image.Build;
using Kubedos.Seal.Bundle;

namespace Kubedos.Infra.Tests.Components.Seal;

/// <summary>A stack for which `kubedos image build` made an image: the seal carries its manifest, its SBOM and its artifacts.</summary>
public sealed class NodeImageSealTests
{
    private const string Status = """
        Package: base-files
        Status: install ok installed
        Architecture: amd64
        Version: 12.4+deb12u9

        Package: openssh-server
        Status: install ok installed
        Architecture: amd64
        Version: 1:9.2p1-2+deb12u5
        Depends: base-files

        """;

    private const string Dep5 = """
        Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
        Upstream-Name: base-files

        Files: *
        Copyright: Debian
        License: GPL-2+

        License: GPL-2+
         text
        """;

    [Fact]
    public void Seal_ImageBuilt_CarriesItsManifestSbomFromItsOwnDpkgDatabaseAndItsArtifactsAsSubjects()
    {
        using var w = new SealWorkspace();
        var rootfs = BuildImage(w.Out);

        var outcome = RecoveryBundle.Seal(w.Inputs(), w.Material, TimeProvider.System, sourceDateEpoch: null);

        Assert.True(outcome.Written);
        var verified = BundleVerifier.Verify(w.Bundle, w.Key.Public);
        Assert.True(verified.Passed, string.Join("\n", verified.Checks.Where(c => !c.Passed)));
        Assert.Contains(verified.Checks, c => c is { File: "sbom/node-image.cdx.json", Rule: "schema", Passed: true });
        Assert.Contains(verified.Checks, c => c is { File: "sbom/node-image.spdx.json", Rule: "schema", Passed: true });
        Assert.True(File.Exists(Path.Combine(w.Bundle, NodeImageEvidence.BundleManifestFile)));
        var cdx = JsonNode.Parse(File.ReadAllText(Path.Combine(w.Bundle, "sbom/node-image.cdx.json")))!;
        var components = cdx["components"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!);
        Assert.Equal(["base-files", "openssh-server"], components.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("pkg:deb/debian/openssh-server@1:9.2p1-2%2Bdeb12u5", components["openssh-server"]["purl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("GPL-2.0-or-later", components["base-files"].ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("licenses", components["openssh-server"].ToJsonString(), StringComparison.Ordinal);
        var provenance = File.ReadAllText(Path.Combine(w.Bundle, "provenance.intoto.json"));
        Assert.Contains($"image/{rootfs.Name}", provenance, StringComparison.Ordinal);
        Assert.Contains(rootfs.Sha256, provenance, StringComparison.Ordinal);
        var artifacts = JsonNode.Parse(File.ReadAllText(Path.Combine(w.Bundle, "artifacts.json")))!;
        Assert.Equal(rootfs.Sha256, artifacts["nodeImage"]!["outputs"]![0]!["sha256"]!.GetValue<string>());
        Assert.False(artifacts["nodeImage"]!["runsOnLabNodes"]!.GetValue<bool>());
    }

    [Fact]
    public void Seal_ImageManifestButItsRootfsIsNotTheOneBuilt_RefusedNamingTheTarball()
    {
        using var w = new SealWorkspace();
        var rootfs = BuildImage(w.Out);
        File.AppendAllText(Path.Combine(w.Out, "artifacts", rootfs.Name), "x");

        var refused = Assert.Throws<InvalidOperationException>(() => RecoveryBundle.Seal(w.Inputs(), w.Material, TimeProvider.System, sourceDateEpoch: null));

        Assert.Contains(rootfs.Name, refused.Message, StringComparison.Ordinal);
        Assert.Contains("kubedos image build", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(w.Bundle));
    }

    [Fact]
    public void Seal_AnotherStacksImageManifest_NotCarried()
    {
        using var w = new SealWorkspace();
        BuildImage(w.Out, stack: "dev");

        RecoveryBundle.Seal(w.Inputs(), w.Material, TimeProvider.System, sourceDateEpoch: null);

        Assert.False(File.Exists(Path.Combine(w.Bundle, "sbom/node-image.cdx.json")));
        Assert.False(File.Exists(Path.Combine(w.Bundle, NodeImageEvidence.BundleManifestFile)));
    }

    // A rootfs tarball as mmdebstrap writes it (./-prefixed names) with a dpkg database and one machine-readable copyright
    // file, and the manifest `kubedos image build` writes beside it.
    private static Artifact BuildImage(string outDirectory, string stack = "lab-01")
    {
        var artifacts = Path.Combine(outDirectory, "artifacts");
        Directory.CreateDirectory(artifacts);
        var name = "kubedos-1.0.0-rootfs-20261206-0123456789ab.tar";
        var path = Path.Combine(artifacts, name);
        using (var stream = File.Create(path))
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax))
        {
            foreach (var (file, text) in new[] { ("./var/lib/dpkg/status", Status), ("./usr/share/doc/base-files/copyright", Dep5), ("./etc/hostname", "node\n") })
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, file) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
            }

            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "./usr/share/doc/openssh-server") { LinkName = "openssh-client" });
        }

        var bytes = File.ReadAllBytes(path);
        var rootfs = new Artifact("rootfs-tar", name, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);
        var manifest = new ArtifactManifest(stack, "1.0.0", "sha256:" + new string('c', 64), 1765000000, ["rootfs"], [rootfs], [], new Dictionary<string, string> { ["mmdebstrap"] = "1.3.5" });
        Directory.CreateDirectory(Path.Combine(outDirectory, "manifests"));
        File.WriteAllText(Path.Combine(outDirectory, NodeImageEvidence.ManifestFile), manifest.ToJson());
        return rootfs;
    }
}
