using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubedos.Seal.Attestation;
using Kubedos.Seal.Sbom;
using Kubedos.Seal.Schemas;

namespace Kubedos.Seal.Bundle;

/// <summary>
/// Verifies a recovery bundle offline with nothing but its files and a public key: the manifest's signature and every
/// digest and size it lists, no unlisted file, the manifest complete (<see cref="BundleLayout.RequiredFiles"/>, SBOMs in
/// both formats), every SBOM's and the provenance's signature (payload equal to the file),
/// the SBOMs against the official schemas, the provenance's shape and subjects, and the acceptance verdict.
/// </summary>
/// <remarks>
/// Rules (the names a failure carries): <c>manifest</c>, <c>public-key</c>, <c>key-mismatch</c>, <c>signature-missing</c>,
/// <c>signature</c>, <c>signature-type</c>, <c>signature-payload</c>, <c>file-missing</c>, <c>size</c>, <c>digest</c>,
/// <c>unlisted-file</c>, <c>manifest-complete</c>, <c>schema</c>, <c>provenance</c>, <c>provenance-subject</c>, <c>acceptance-verdict</c>.
/// </remarks>
public static class BundleVerifier
{
    /// <summary>Verifies <paramref name="directory"/>.</summary>
    /// <param name="directory">The bundle.</param>
    /// <param name="pinned">The key the recipient trusts; null uses the bundle's own <c>signing-key.pub.pem</c> (proves integrity, not origin).</param>
    public static BundleVerification Verify(string directory, VerificationKey? pinned)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var checks = new List<BundleCheck>();
        var key = Key(directory, pinned, checks);
        var keySource = pinned is null ? $"the bundle's own {BundleLayout.SigningKeyFile} (integrity only: pin the key with --public-key to prove origin)" : "the pinned public key";
        if (key is null)
        {
            return new BundleVerification(directory, string.Empty, keySource, checks, null);
        }

        var manifest = Manifest(directory, key, checks);
        if (manifest is null)
        {
            return new BundleVerification(directory, key.KeyId, keySource, checks, null);
        }

        var actual = Digests(directory, manifest, checks);
        Unlisted(directory, manifest, checks);
        Complete(manifest, checks);
        foreach (var sbom in manifest.Files.Select(f => f.Path).Where(p => BundleLayout.SbomMediaType(p) is not null))
        {
            if (Signed(directory, sbom, BundleLayout.SbomMediaType(sbom)!, key, checks) is { } bytes)
            {
                var findings = BundleLayout.SbomMediaType(sbom) == CycloneDxWriter.MediaType ? OfficialSchemas.ValidateCycloneDx(bytes) : OfficialSchemas.ValidateSpdx(bytes);
                checks.Add(new BundleCheck(sbom, "schema", findings.Count == 0, findings.Count == 0
                    ? $"valid {(BundleLayout.SbomMediaType(sbom) == CycloneDxWriter.MediaType ? "CycloneDX 1.6" : "SPDX 2.3")} (official schema)"
                    : string.Join("; ", findings.Take(5))));
            }
        }

        Provenance(directory, key, actual, checks);
        Acceptance(directory, manifest, checks);
        return new BundleVerification(directory, key.KeyId, keySource, checks, manifest);
    }

    private static VerificationKey? Key(string directory, VerificationKey? pinned, List<BundleCheck> checks)
    {
        var path = Path.Combine(directory, BundleLayout.SigningKeyFile);
        VerificationKey? inBundle = null;
        try
        {
            inBundle = VerificationKey.FromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            checks.Add(new BundleCheck(BundleLayout.SigningKeyFile, "public-key", false, $"no P-256 public key readable: {e.Message}"));
            return pinned;
        }

        if (pinned is not null && pinned.KeyId != inBundle.KeyId)
        {
            checks.Add(new BundleCheck(BundleLayout.SigningKeyFile, "key-mismatch", false, $"the bundle names key {inBundle.KeyId}, the pinned key is {pinned.KeyId}"));
            return pinned;
        }

        checks.Add(new BundleCheck(BundleLayout.SigningKeyFile, "public-key", true, inBundle.KeyId));
        return pinned ?? inBundle;
    }

    private static BundleManifest? Manifest(string directory, VerificationKey key, List<BundleCheck> checks)
    {
        var bytes = Signed(directory, BundleLayout.ManifestFile, BundleLayout.ManifestMediaType, key, checks);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            var manifest = BundleManifest.Parse(bytes);
            var keyMatches = manifest.KeyId == key.KeyId;
            checks.Add(new BundleCheck(BundleLayout.ManifestFile, keyMatches ? "manifest" : "key-mismatch", keyMatches,
                keyMatches ? $"{manifest.Files.Count} files listed" : $"the manifest names key {manifest.KeyId}, verified with {key.KeyId}"));
            return manifest;
        }
        catch (FormatException e)
        {
            checks.Add(new BundleCheck(BundleLayout.ManifestFile, "manifest", false, e.Message));
            return null;
        }
    }

    // The file's bytes when its envelope is there, of the right type, signed by the key, and carries exactly the file; else null.
    private static byte[]? Signed(string directory, string file, string payloadType, VerificationKey key, List<BundleCheck> checks)
    {
        var envelopeFile = BundleLayout.EnvelopeOf(file);
        byte[] content;
        DsseEnvelope envelope;
        try
        {
            content = File.ReadAllBytes(Path.Combine(directory, file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            checks.Add(new BundleCheck(file, "file-missing", false, e.Message));
            return null;
        }

        try
        {
            envelope = DsseEnvelope.Parse(File.ReadAllBytes(Path.Combine(directory, envelopeFile)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            checks.Add(new BundleCheck(envelopeFile, "signature-missing", false, $"no readable DSSE envelope for {file}: {e.Message}"));
            return null;
        }

        if (envelope.PayloadType != payloadType)
        {
            checks.Add(new BundleCheck(envelopeFile, "signature-type", false, $"payloadType '{envelope.PayloadType}', expected '{payloadType}'"));
            return null;
        }

        if (!envelope.IsSignedBy(key))
        {
            checks.Add(new BundleCheck(envelopeFile, "signature", false, $"no signature by {key.KeyId} over the envelope's PAE"));
            return null;
        }

        if (!envelope.Payload.AsSpan().SequenceEqual(content))
        {
            checks.Add(new BundleCheck(file, "signature-payload", false, $"the file differs from the payload {envelopeFile} signs"));
            return null;
        }

        checks.Add(new BundleCheck(file, "signature", true, $"DSSE {payloadType}, signed by {key.KeyId}"));
        return content;
    }

    private static Dictionary<string, string> Digests(string directory, BundleManifest manifest, List<BundleCheck> checks)
    {
        var actual = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in manifest.Files)
        {
            var path = Path.Combine(directory, entry.Path);
            if (!File.Exists(path))
            {
                checks.Add(new BundleCheck(entry.Path, "file-missing", false, "listed in the manifest, absent from the bundle"));
                continue;
            }

            using var stream = File.OpenRead(path);
            var digest = Convert.ToHexStringLower(SHA256.HashData(stream));
            actual[entry.Path] = digest;
            if (stream.Length != entry.Size)
            {
                checks.Add(new BundleCheck(entry.Path, "size", false, $"{stream.Length} bytes, the manifest says {entry.Size}"));
            }
            else if (digest != entry.Sha256)
            {
                checks.Add(new BundleCheck(entry.Path, "digest", false, $"sha256 {digest}, the manifest says {entry.Sha256}"));
            }
            else
            {
                checks.Add(new BundleCheck(entry.Path, "digest", true, $"sha256 {digest}, {entry.Size} bytes"));
            }
        }

        return actual;
    }

    private static void Unlisted(string directory, BundleManifest manifest, List<BundleCheck> checks)
    {
        var listed = manifest.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var envelopes = BundleLayout.ExpectedEnvelopes(listed);
        var views = new HashSet<string>(StringComparer.Ordinal) { BundleLayout.ManifestFile, BundleLayout.ProvenanceFile, BundleLayout.ReportFile };
        foreach (var file in BundleLayout.FilesIn(directory).Where(f => !listed.Contains(f) && !envelopes.Contains(f) && !views.Contains(f)))
        {
            checks.Add(new BundleCheck(file, "unlisted-file", false, "in the bundle but not in the manifest"));
        }
    }

    // A sealer that left out a part of the bundle signs an incomplete manifest: every digest holds, yet it is no recovery bundle.
    private static void Complete(BundleManifest manifest, List<BundleCheck> checks)
    {
        var listed = manifest.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var absent = BundleLayout.RequiredFiles.Where(f => !listed.Contains(f)).ToList();
        var sboms = listed.Where(f => BundleLayout.SbomMediaType(f) is not null).ToList();
        if (sboms.Count == 0)
        {
            absent.Add($"{BundleLayout.SbomDirectory}/*.cdx.json and *.spdx.json (no SBOM at all)");
        }

        foreach (var sbom in sboms)
        {
            var twin = sbom.EndsWith(".cdx.json", StringComparison.Ordinal) ? sbom[..^".cdx.json".Length] + ".spdx.json" : sbom[..^".spdx.json".Length] + ".cdx.json";
            if (!listed.Contains(twin))
            {
                absent.Add($"{twin} (the other format of {sbom})");
            }
        }

        checks.Add(new BundleCheck(BundleLayout.ManifestFile, "manifest-complete", absent.Count == 0, absent.Count == 0
            ? $"lists {string.Join(", ", BundleLayout.RequiredFiles)} and {sboms.Count} SBOMs in both formats"
            : "does not list " + string.Join("; ", absent)));
    }

    private static void Provenance(string directory, VerificationKey key, Dictionary<string, string> actual, List<BundleCheck> checks)
    {
        var bytes = Signed(directory, BundleLayout.ProvenanceFile, DsseEnvelope.InTotoPayloadType, key, checks);
        if (bytes is null)
        {
            return;
        }

        var faults = ProvenanceRules.Check(bytes);
        checks.Add(new BundleCheck(BundleLayout.ProvenanceFile, "provenance", faults.Count == 0,
            faults.Count == 0 ? "in-toto Statement v1, SLSA provenance v1" : string.Join("; ", faults)));
        if (faults.Count > 0)
        {
            return;
        }

        // The manifest is hashed here (it is not listed in itself); other subjects are checked when they are in the bundle.
        actual[BundleLayout.ManifestFile] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(directory, BundleLayout.ManifestFile))));
        foreach (var subject in JsonNode.Parse(bytes)!["subject"]!.AsArray().OfType<JsonObject>())
        {
            var name = subject["name"]?.GetValue<string>() ?? string.Empty;
            var digest = subject["digest"]?["sha256"]?.GetValue<string>();
            if (actual.TryGetValue(name, out var seen))
            {
                checks.Add(new BundleCheck(name, "provenance-subject", seen == digest, seen == digest
                    ? "the provenance's subject digest matches" : $"the provenance says sha256 {digest}, the file is {seen}"));
            }
        }
    }

    private static void Acceptance(string directory, BundleManifest manifest, List<BundleCheck> checks)
    {
        if (!manifest.Files.Any(f => f.Path == BundleLayout.AcceptanceReportFile))
        {
            checks.Add(new BundleCheck(BundleLayout.AcceptanceReportFile, "acceptance-verdict", false, "the bundle holds no acceptance report"));
            return;
        }

        try
        {
            var verdict = JsonNode.Parse(File.ReadAllBytes(Path.Combine(directory, BundleLayout.AcceptanceReportFile)))?["verdict"]?.GetValue<string>();
            checks.Add(new BundleCheck(BundleLayout.AcceptanceReportFile, "acceptance-verdict", verdict == "passed", $"verdict '{verdict}'"));
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
        {
            checks.Add(new BundleCheck(BundleLayout.AcceptanceReportFile, "acceptance-verdict", false, $"unreadable: {e.Message}"));
        }
    }
}
