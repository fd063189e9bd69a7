using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kubedos.Image.Lock;
using Kubedos.Image.Store;
using Kubedos.Image.Tools;

namespace Kubedos.Image.Build;

/// <summary>
/// The manufacturing half of spec §8.3 gates 3 to 6: acquire the locked packages into the store, make the local
/// repository, assemble the rootfs, write the qcow2, name and list every artifact. A build whose inputs (lock,
/// overlay, builder format) match the last manifest and whose outputs are intact is a cache hit.
/// </summary>
public sealed class ImageBuilder(HttpClient http, IProgress<BuildProgress>? progress = null)
{
    /// <summary>Changes whenever what the builder writes changes, so an old build is not taken for a new one.</summary>
    public const string BuilderFormat = "kubedos-image/2";

    private static readonly string[] Targets = ["rootfs", "qcow2", "baremetal-iso"];

    public async Task<ImageBuildResult> BuildAsync(ImageBuildRequest request, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var artifacts = Path.Combine(request.OutDirectory, "artifacts");
        var manifestPath = Path.Combine(request.OutDirectory, "manifests", "artifact-manifest.json");
        var key = BuildKey(request);
        Report("check", "comparing with the last build", clock);
        if (ArtifactManifest.TryRead(manifestPath) is { } last && last.BuildKey == key && await IntactAsync(artifacts, last, cancellationToken))
        {
            return new ImageBuildResult(last, CacheHit: true, Downloaded: 0, manifestPath);
        }

        var store = new ContentStore(request.StoreRoot);
        if (await FromStoreAsync(request, key, store, artifacts, manifestPath, cancellationToken) is { } reused)
        {
            Report("done", $"the store holds this build (build key {key[..12]}): {reused.Outputs.Count} artifacts copied from it", clock);
            return new ImageBuildResult(reused, CacheHit: true, Downloaded: 0, manifestPath);
        }

        var acquirer = new PackageAcquirer(store, http);
        var downloaded = await acquirer.AcquireAsync(
            request.Lock,
            request.Offline,
            new InlineProgress<AcquireProgress>(p =>
            {
                // Every twentieth package and the last: a line per package would bury the phases.
                if (p.Done % 20 == 0 || p.Done == p.Total)
                {
                    Report("acquire", $"{p.Done}/{p.Total} packages, {p.Bytes / 1048576} of {p.TotalBytes / 1048576} MiB {p.Current}", clock);
                }
            }),
            cancellationToken);

        var work = Directory.CreateTempSubdirectory("kubedos-image-").FullName;
        try
        {
            Report("repository", $"{request.Lock.Packages.Count} packages from the store", clock);
            var repository = Path.Combine(work, "repo");
            await LocalRepository.CreateAsync(store, request.Lock, repository, cancellationToken);
            var overlay = await WriteOverlayAsync(request.Lock, [.. BootFiles.All(), .. request.Overlay], Path.Combine(work, "overlay"), cancellationToken);

            Report("rootfs", "mmdebstrap from the local repository", clock);
            var tarball = Path.Combine(work, "rootfs.tar");
            await RootfsAssembler.AssembleAsync(request.Lock, repository, overlay, tarball, cancellationToken);

            Report("disk", "ext4 file system and qcow2", clock);
            var tree = await DiskImageWriter.ExtractAsync(tarball, work, cancellationToken);
            var qcow2 = Path.Combine(work, "disk.qcow2");
            await DiskImageWriter.WriteAsync(request.Lock, tree, work, Path.Combine(work, "rootfs.ext4"), qcow2, cancellationToken);

            Report("iso", "live squashfs and the BIOS+UEFI ISO", clock);
            var iso = Path.Combine(work, "live.iso");
            await IsoWriter.WriteAsync(tree, request.Lock.SourceDateEpoch.ToString(CultureInfo.InvariantCulture), request.Lock.Snapshot.InReleaseSha256, work, iso, cancellationToken);
            Directory.Delete(tree, recursive: true);

            Report("manifest", "naming and listing the artifacts", clock);
            var outputs = new List<Artifact>();
            Directory.CreateDirectory(artifacts);
            foreach (var (kind, target, file, extension) in new[] { ("rootfs-tar", "rootfs", tarball, "tar"), ("qcow2", "qcow2", qcow2, "qcow2"), ("iso", "baremetal-iso", iso, "iso") })
            {
                var digest = await store.AddProducedAsync(file, cancellationToken);
                var name = $"kubedos-{request.Version}-{target}-{request.Lock.Snapshot.Date.UtcDateTime:yyyyMMdd}-{digest[..12]}.{extension}";
                File.Move(file, Path.Combine(artifacts, name), overwrite: true);
                outputs.Add(new Artifact(kind, name, digest, new FileInfo(Path.Combine(artifacts, name)).Length));
            }

            RemoveStale(artifacts, outputs);

            var inputs = request.Lock.Packages.Select(p => new Artifact("deb", Path.GetFileName(p.Filename), p.Sha256, p.Size))
                .Concat(request.Overlay.OrderBy(o => o.Path, StringComparer.Ordinal).Select(o => new Artifact("overlay", o.Path, Sha256Hex(o.Content), o.Content.Length)))
                .ToArray();
            var manifest = new ArtifactManifest(request.Stack, request.Version, key, request.Lock.SourceDateEpoch, Targets, outputs, inputs, await ToolVersionsAsync(cancellationToken));
            await WriteWholeAsync(manifestPath, manifest.ToJson(), cancellationToken);
            await WriteWholeAsync(BuildRecord(store, key), manifest.ToJson(), cancellationToken);
            Report("done", $"{outputs.Count} artifacts", clock);
            return new ImageBuildResult(manifest, CacheHit: false, downloaded, manifestPath);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>SHA-256 over everything that decides the outputs: builder format, lock, targets and overlay files.</summary>
    internal static string BuildKey(ImageBuildRequest request)
    {
        var text = new StringBuilder()
            .Append(BuilderFormat).Append('\n')
            .Append(request.Version).Append('\n')
            .Append(string.Join(',', Targets)).Append('\n')
            .Append(request.Lock.ToJson());
        foreach (var file in BootFiles.All().Concat(request.Overlay).OrderBy(o => o.Path, StringComparer.Ordinal))
        {
            text.Append(file.Path).Append(' ').Append(((int)file.Mode).ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Sha256Hex(file.Content)).Append('\n');
        }

        return Sha256Hex(Encoding.UTF8.GetBytes(text.ToString()));
    }

    // The store's record of a build: its manifest under its build key, naming outputs the store keeps by digest.
    private static string BuildRecord(ContentStore store, string key) => Path.Combine(store.Root, "builds", key + ".json");

    // Written beside, then renamed: a reader finds the old file or the new one, never a part.
    private static async Task WriteWholeAsync(string path, string text, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path + ".tmp", text, cancellationToken);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    // Artifacts of earlier builds that these outputs do not name.
    private static void RemoveStale(string artifacts, IReadOnlyList<Artifact> outputs)
    {
        foreach (var stale in Directory.EnumerateFiles(artifacts, "kubedos-*").Where(f => outputs.All(o => o.Name != Path.GetFileName(f))))
        {
            File.Delete(stale);
        }
    }

    // Another stack of the same lock and overlay (or this one, before its out directory was emptied) built this key: its
    // outputs are in the store under their digests, so they are copied out and checked, and nothing is built again.
    private static async Task<ArtifactManifest?> FromStoreAsync(
        ImageBuildRequest request, string key, ContentStore store, string artifacts, string manifestPath, CancellationToken cancellationToken)
    {
        if (ArtifactManifest.TryRead(BuildRecord(store, key)) is not { } recorded || recorded.BuildKey != key
            || recorded.Outputs.Any(o => !store.Contains(o.Sha256)))
        {
            return null;
        }

        Directory.CreateDirectory(artifacts);
        foreach (var output in recorded.Outputs)
        {
            var target = Path.Combine(artifacts, output.Name);
            var incoming = target + ".kubedos-new";
            File.Copy(store.PathOf(output.Sha256), incoming, overwrite: true);
            File.Move(incoming, target, overwrite: true);
        }

        var manifest = recorded with { Stack = request.Stack };
        if (!await IntactAsync(artifacts, manifest, cancellationToken))
        {
            return null;
        }

        RemoveStale(artifacts, manifest.Outputs);
        await WriteWholeAsync(manifestPath, manifest.ToJson(), cancellationToken);
        return manifest;
    }

    private static async Task<bool> IntactAsync(string artifacts, ArtifactManifest manifest, CancellationToken cancellationToken)
    {
        foreach (var output in manifest.Outputs)
        {
            var path = Path.Combine(artifacts, output.Name);
            if (!File.Exists(path) || new FileInfo(path).Length != output.Size)
            {
                return false;
            }

            await using var stream = File.OpenRead(path);
            if (Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken)) != output.Sha256)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<string> WriteOverlayAsync(ImageLock imageLock, IReadOnlyList<OverlayFile> files, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var stamp = DateTimeOffset.FromUnixTimeSeconds(imageLock.SourceDateEpoch).UtcDateTime;
        foreach (var file in files)
        {
            if (!file.Path.StartsWith('/') || file.Path.Contains("/../", StringComparison.Ordinal) || file.Path.EndsWith("/..", StringComparison.Ordinal))
            {
                throw new ImageBuildException("rootfs", $"overlay path '{file.Path}' must be absolute with no '..'");
            }

            var target = Path.Combine(directory, file.Path.TrimStart('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllBytesAsync(target, file.Content, cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, file.Mode);
            }

            File.SetLastWriteTimeUtc(target, stamp);
        }

        // Directories too, so sync-in stamps them with the lock's time and not today's.
        foreach (var sub in Directory.EnumerateDirectories(directory, "*", SearchOption.AllDirectories).Append(directory))
        {
            Directory.SetLastWriteTimeUtc(sub, stamp);
        }

        return directory;
    }

    private static async Task<IReadOnlyDictionary<string, string>> ToolVersionsAsync(CancellationToken cancellationToken)
    {
        var output = await ToolRun.RunAsync(
            "manifest", ["/usr/bin/dpkg-query", "-W", "-f", "${Package} ${Version}\\n", "mmdebstrap", "e2fsprogs", "qemu-utils", "dpkg-dev", "apt", "tar", "grub-pc-bin", "grub-efi-amd64-bin", "fdisk", "squashfs-tools", "xorriso", "mtools"], null, cancellationToken);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }

    private static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private void Report(string phase, string detail, Stopwatch clock) => progress?.Report(new BuildProgress(phase, detail, clock.Elapsed));
}
