using Kubedos.Pki;

namespace Kubedos.Components.Substrate;

/// <summary>
/// Software a node holds, as a set of files read from a host directory, whatever the substrate ships it with
/// (an image, cloud-init, a copy into a lab node). Its digest is the SHA-256 of its <c>sha256sum</c> manifest
/// (one <c>HASH  PATH</c> line per file, sorted by path), so it changes whenever a file's content, name or the set does.
/// </summary>
/// <param name="SourceDirectory">The host directory the files are read from.</param>
/// <param name="Files">The files, relative to <paramref name="SourceDirectory"/>, in ordinal order.</param>
/// <param name="Digest">The manifest's SHA-256 (lower-case hex).</param>
internal sealed record NodeSoftware(string SourceDirectory, IReadOnlyList<string> Files, string Digest)
{
    /// <summary>Reads <paramref name="files"/> under <paramref name="sourceDirectory"/> now.</summary>
    /// <exception cref="ArgumentException">No file is listed, or a path is absolute, climbs out with <c>..</c> or repeats.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static NodeSoftware Read(string sourceDirectory, IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(sourceDirectory);
        ArgumentNullException.ThrowIfNull(files);
        var sorted = files.Order(StringComparer.Ordinal).ToList();
        if (sorted.Count == 0)
        {
            throw new ArgumentException($"software from {sourceDirectory} needs at least one file", nameof(files));
        }

        var contents = new List<(string Path, byte[] Content)>();
        for (var i = 0; i < sorted.Count; i++)
        {
            var file = sorted[i];
            if (file.Length == 0 || file.StartsWith('/') || file.Split('/').Any(part => part is "" or "." or ".."))
            {
                throw new ArgumentException($"software file '{file}' must be a relative path without empty, '.' or '..' parts", nameof(files));
            }

            if (i > 0 && sorted[i - 1] == file)
            {
                throw new ArgumentException($"software file '{file}' is listed twice", nameof(files));
            }

            contents.Add((file, File.ReadAllBytes(Path.Combine(sourceDirectory, file))));
        }

        return new NodeSoftware(sourceDirectory, sorted, Sha256Hex.OfManifest(contents));
    }
}
