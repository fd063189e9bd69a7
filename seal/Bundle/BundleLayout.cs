namespace Kubedos.Seal.Bundle;

/// <summary>Where things are in a recovery bundle, and which files the manifest lists (all but the ones that sign it or view it).</summary>
public static class BundleLayout
{
    public const string ManifestFile = "manifest.json";
    public const string ProvenanceFile = "provenance.intoto.json";
    public const string ReportFile = "report.html";
    public const string SigningKeyFile = "signing-key.pub.pem";
    public const string AcceptanceReportFile = "acceptance-report.json";
    public const string ClusterSpecFile = "clusterspec.yaml";
    public const string ArtifactsFile = "artifacts.json";
    public const string RunbooksFile = "runbooks.md";
    public const string ReproduceFile = "REPRODUCE.md";
    public const string DrillsDirectory = "drills";
    public const string RunbookReportsDirectory = "runbooks";
    public const string SbomDirectory = "sbom";
    public const string SignaturesDirectory = "signatures";

    /// <summary>The manifest's payload type in its DSSE envelope.</summary>
    public const string ManifestMediaType = "application/vnd.kubedos.bundle-manifest+json";

    /// <summary>The DSSE envelope that signs <paramref name="file"/> (bundle-relative, '/'-separated).</summary>
    public static string EnvelopeOf(string file) => $"{SignaturesDirectory}/{file}.dsse.json";

    /// <summary>
    /// Files the manifest cannot list: itself, the provenance (whose subject is the manifest), <c>report.html</c> (a view
    /// of the signed files, written after them) and the signatures (ECDSA signatures differ at each signing, and each
    /// one is checked against the file it signs instead).
    /// </summary>
    public static bool IsUnlisted(string file) =>
        file is ManifestFile or ProvenanceFile or ReportFile || file.StartsWith(SignaturesDirectory + "/", StringComparison.Ordinal);

    /// <summary>
    /// What a manifest must list for the bundle to be a recovery bundle (spec §16): the rendered ClusterSpec, the
    /// acceptance report, the artifact manifest, the runbooks, the reproducibility note and the signing key. SBOMs are
    /// checked apart: at least one, each in both formats.
    /// </summary>
    public static IReadOnlyList<string> RequiredFiles { get; } =
        [ClusterSpecFile, AcceptanceReportFile, ArtifactsFile, RunbooksFile, ReproduceFile, SigningKeyFile];

    /// <summary>The signatures a bundle must hold, given the files its manifest lists: the manifest's, the provenance's, each SBOM's.</summary>
    public static IReadOnlySet<string> ExpectedEnvelopes(IEnumerable<string> listed) =>
        listed.Where(f => SbomMediaType(f) is not null).Append(ManifestFile).Append(ProvenanceFile).Select(EnvelopeOf).ToHashSet(StringComparer.Ordinal);

    /// <summary>An SBOM's format by its name: <c>.cdx.json</c> CycloneDX, <c>.spdx.json</c> SPDX, else null.</summary>
    public static string? SbomMediaType(string file) =>
        !file.StartsWith(SbomDirectory + "/", StringComparison.Ordinal) ? null
        : file.EndsWith(".cdx.json", StringComparison.Ordinal) ? Sbom.CycloneDxWriter.MediaType
        : file.EndsWith(".spdx.json", StringComparison.Ordinal) ? Sbom.SpdxWriter.MediaType
        : null;

    /// <summary>Every file under <paramref name="directory"/>, bundle-relative with '/' separators, in ordinal order.</summary>
    public static IReadOnlyList<string> FilesIn(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}
