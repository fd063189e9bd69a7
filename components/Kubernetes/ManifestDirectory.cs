using System.Security.Cryptography;
using System.Text;
using Kubedos.Engine.Model;
using Kubedos.Providers.Kubernetes;

namespace Kubedos.Components.Kubernetes;

/// <summary>
/// Rendered files as resources: one <c>kubernetes:yaml:RenderedFile</c> per file (named by its path), so <c>up</c>
/// writes a file only when its text changed, removes the file of an object no longer rendered, and <c>preview</c>
/// writes nothing; <see cref="Digest"/> is the digest of the whole set.
/// </summary>
internal sealed class ManifestDirectory
{
    /// <param name="directory">The render directory (absolute): <c>out/&lt;stack&gt;/kubernetes</c>.</param>
    /// <param name="files">The files; two with one path are a rendering bug.</param>
    /// <param name="options">Options for every file resource (its parent and dependencies).</param>
    public ManifestDirectory(string directory, IReadOnlyList<ManifestFile> files, ResourceOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(files);
        if (files.GroupBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"two rendered files at '{twice.Key}'");
        }

        Directory = directory;
        Files = files;
        Resources = [.. files.Select(f => new RenderedFile(f.Path, new RenderedFileArgs { Directory = directory, Path = f.Path, Content = f.Content }, options))];
        Digest = Output.All(Resources.Select(r => r.Sha256)).Apply(hashes => DigestOf(files.Select((f, i) => (f.Path, hashes[i]))));
    }

    public string Directory { get; }

    public IReadOnlyList<ManifestFile> Files { get; }

    public IReadOnlyList<RenderedFile> Resources { get; }

    /// <summary>The digest of the written set (as <see cref="DigestOf(IEnumerable{ManifestFile})"/>; after a refresh, of what is on disk).</summary>
    public Output<string> Digest { get; }

    /// <summary>The SHA-256 of the <c>sha256sum</c>-style listing of <paramref name="files"/>, sorted by path.</summary>
    public static string DigestOf(IEnumerable<ManifestFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return DigestOf(files.Select(f => (f.Path, f.Sha256)));
    }

    private static string DigestOf(IEnumerable<(string Path, string Sha256)> files)
    {
        var listing = string.Concat(files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => $"{f.Sha256}  {f.Path}\n"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(listing)));
    }
}
