using System.Security.Cryptography;
using Kubedos.Seal.Attestation;

namespace Kubedos.Seal.Bundle;

/// <summary>
/// Seals a directory whose content files are written: a DSSE envelope over each SBOM, the manifest of every file and its
/// envelope, then the provenance statement (subjects: the manifest, the SBOMs and the given artifacts) and its envelope.
/// </summary>
/// <remarks>The key signs in memory; nothing of it but the public half reaches the directory.</remarks>
public static class BundleSealer
{
    /// <summary>Seals <paramref name="directory"/>; returns the manifest written.</summary>
    /// <param name="directory">The bundle, its content files (SBOMs under <c>sbom/</c>) already written.</param>
    /// <param name="stack">The stack.</param>
    /// <param name="cluster">The cluster.</param>
    /// <param name="inputsDigest">The digest of the seal's inputs (recorded in the manifest).</param>
    /// <param name="notes">Statements for the manifest's reader.</param>
    /// <param name="artifacts">Artifacts outside the bundle the provenance also covers (by SHA-256).</param>
    /// <param name="provenance">The provenance predicate.</param>
    /// <param name="key">The signing key.</param>
    public static BundleManifest Seal(
        string directory, string stack, string cluster, string inputsDigest, IReadOnlyList<string> notes,
        IReadOnlyList<ResourceDescriptor> artifacts, SlsaProvenance provenance, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        ArgumentNullException.ThrowIfNull(key);
        File.WriteAllText(Path.Combine(directory, BundleLayout.SigningKeyFile), key.Public.Pem);
        var sboms = BundleLayout.FilesIn(directory).Where(f => BundleLayout.SbomMediaType(f) is not null).ToList();
        foreach (var sbom in sboms)
        {
            WriteEnvelope(directory, sbom, BundleLayout.SbomMediaType(sbom)!, key);
        }

        var manifest = new BundleManifest(stack, cluster, inputsDigest, key.Public.KeyId, notes, BundleManifest.Describe(directory));
        var manifestBytes = manifest.ToJson();
        File.WriteAllBytes(Path.Combine(directory, BundleLayout.ManifestFile), manifestBytes);
        WriteEnvelope(directory, BundleLayout.ManifestFile, BundleLayout.ManifestMediaType, key);

        var subjects = new List<ResourceDescriptor> { new(BundleLayout.ManifestFile, Sha256(manifestBytes)) };
        subjects.AddRange(manifest.Files.Where(f => sboms.Contains(f.Path)).Select(f => new ResourceDescriptor(f.Path, f.Sha256)));
        subjects.AddRange(artifacts);
        var statement = InTotoStatement.Render(subjects, SlsaProvenance.PredicateType, provenance.ToPredicate());
        File.WriteAllBytes(Path.Combine(directory, BundleLayout.ProvenanceFile), statement);
        WriteEnvelope(directory, BundleLayout.ProvenanceFile, DsseEnvelope.InTotoPayloadType, key);
        return manifest;
    }

    private static void WriteEnvelope(string directory, string file, string payloadType, SigningKey key)
    {
        var envelope = DsseEnvelope.Sign(payloadType, File.ReadAllBytes(Path.Combine(directory, file)), key);
        var path = Path.Combine(directory, BundleLayout.EnvelopeOf(file));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, envelope.ToJson());
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
