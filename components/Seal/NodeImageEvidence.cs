using System.Formats.Tar;
using Kubedos.Image.Build;
using Kubedos.Image.Lock;
using Kubedos.Image.Store;
using Kubedos.Seal.Attestation;
using Kubedos.Seal.Sbom;

namespace Kubedos.Components.Seal;

/// <summary>
/// What the seal carries of the node image <c>kubedos image build</c> made for the stack: its artifact manifest (carried
/// as <c>image/artifact-manifest.json</c>), its artifacts as provenance subjects by SHA-256, and an SBOM of the image's own
/// dpkg database, read from the rootfs tarball (with each package's copyright file and the <c>.deb</c> from the content
/// store the lock names). The lab's nodes do not run the image yet, so this SBOM sits beside the node-software one.
/// </summary>
internal sealed class NodeImageEvidence : IDisposable
{
    /// <summary>Where <c>kubedos image build</c> writes the manifest, under <c>out/&lt;stack&gt;</c>.</summary>
    public const string ManifestFile = "manifests/artifact-manifest.json";

    /// <summary>The manifest's path inside the bundle.</summary>
    public const string BundleManifestFile = "image/artifact-manifest.json";

    private const string StatusFile = "var/lib/dpkg/status";

    private NodeImageEvidence(ArtifactManifest manifest, string tree)
    {
        Manifest = manifest;
        Tree = tree;
    }

    public ArtifactManifest Manifest { get; }

    /// <summary>A temporary root holding the image's dpkg status, copyright files and links to its <c>.deb</c> files.</summary>
    public string Tree { get; }

    /// <summary>The image's artifacts (rootfs tarball, qcow2, ISO) as provenance subjects.</summary>
    public IReadOnlyList<ResourceDescriptor> Subjects => [.. Manifest.Outputs.Select(o => new ResourceDescriptor($"image/{o.Name}", o.Sha256))];

    /// <summary>The manifest of the image built for the stack, or null when none was built (or it is another stack's).</summary>
    public static ArtifactManifest? ManifestOf(string outDirectory, string stack) =>
        ArtifactManifest.TryRead(Path.Combine(outDirectory, ManifestFile)) is { } manifest && manifest.Stack == stack ? manifest : null;

    /// <summary>
    /// Reads the image built for the stack. The rootfs tarball must be in <c>out/&lt;stack&gt;/artifacts/</c> with the digest
    /// the manifest records: an SBOM is never written from a tarball that is not the one built.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tarball is missing or differs from the manifest.</exception>
    public static NodeImageEvidence Read(ArtifactManifest manifest, string outDirectory, string? lockFile, string storeRoot)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var rootfs = manifest.Outputs.FirstOrDefault(o => o.Kind == "rootfs-tar")
            ?? throw new InvalidOperationException($"{Path.Combine(outDirectory, ManifestFile)} lists no rootfs-tar output: rebuild the image (`kubedos image build`)");
        var tarball = Path.Combine(outDirectory, "artifacts", rootfs.Name);
        if (!File.Exists(tarball) || new FileInfo(tarball).Length != rootfs.Size)
        {
            throw new InvalidOperationException($"the node image's rootfs {tarball} is missing or not the {rootfs.Size} bytes its manifest records: rebuild it (`kubedos image build`) or remove {ManifestFile}");
        }

        var tree = Directory.CreateTempSubdirectory("kubedos-image-sbom-").FullName;
        try
        {
            Extract(tarball, tree);
            if (!File.Exists(Path.Combine(tree, StatusFile)))
            {
                throw new InvalidOperationException($"the node image's rootfs {tarball} holds no {StatusFile}");
            }

            LinkDebs(lockFile, storeRoot, Path.Combine(tree, "debs"));
            return new NodeImageEvidence(manifest, tree);
        }
        catch
        {
            Directory.Delete(tree, recursive: true);
            throw;
        }
    }

    /// <summary>The image's SBOM: every package its dpkg database lists, with dependencies, licences and <c>.deb</c> digests.</summary>
    public SbomDocument Sbom(DateTimeOffset created, string toolVersion)
    {
        var database = DebianPackageDatabase.Read(Tree, [Path.Combine(Tree, "debs")]);
        var packages = database.Closure(database.Installed.Select(p => p.Name).Distinct(StringComparer.Ordinal), out var roots);
        return new SbomDocument("node-image", Manifest.Version, "operating-system", created, toolVersion, packages, roots,
            $"the node image's own dpkg database (rootfs {Manifest.Outputs.First(o => o.Kind == "rootfs-tar").Name}, build key {Manifest.BuildKey}); the lab's nodes do not run this image yet");
    }

    public void Dispose() => Directory.Delete(Tree, recursive: true);

    // Only what the SBOM reads: the dpkg status and each package's copyright file (regular files; a link to another
    // package's documentation stays unread, so its licence is NOASSERTION rather than a guess).
    private static void Extract(string tarball, string tree)
    {
        using var stream = File.OpenRead(tarball);
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
        {
            var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name.TrimStart('/');
            var wanted = name == StatusFile
                || (name.StartsWith("usr/share/doc/", StringComparison.Ordinal) && name.EndsWith("/copyright", StringComparison.Ordinal) && name.Count(c => c == '/') == 4);
            if (!wanted || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || name.Split('/').Contains(".."))
            {
                continue;
            }

            var target = Path.Combine(tree, name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target, overwrite: true);
        }
    }

    // The lock names every package's .deb by SHA-256; the store keeps it under that digest. A link named as apt names
    // archives lets the SBOM hash the very file the image was built from.
    private static void LinkDebs(string? lockFile, string storeRoot, string debs)
    {
        Directory.CreateDirectory(debs);
        if (lockFile is null || !File.Exists(lockFile) || !Directory.Exists(storeRoot))
        {
            return;
        }

        var store = new ContentStore(storeRoot);
        foreach (var package in ImageLock.Read(lockFile).Packages.Where(p => store.Contains(p.Sha256)))
        {
            File.CreateSymbolicLink(Path.Combine(debs, $"{package.Name}_{package.Version.Replace(":", "%3a", StringComparison.Ordinal)}_{package.Architecture}.deb"), store.PathOf(package.Sha256));
        }
    }
}
