using System.Formats.Tar;
using System.Text;
using Kubedos.Pki;

namespace Kubedos.Providers.Local;

/// <summary>
/// A set of host files shipped whole into a node's private filesystem (software the node runs, such as
/// <c>kubedos-agent</c>). Its manifest is <c>sha256sum</c> lines sorted by path; the digest is the
/// manifest's SHA-256, so it changes whenever a file's content, name or the set does.
/// </summary>
public sealed class NodePayload
{
    /// <summary>The manifest's name inside the installed directory (<c>sha256sum -c</c> checks it there).</summary>
    public const string ManifestFile = ".kubedos-payload.sha256";

    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode Executable = Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private NodePayload(string sourceDirectory, IReadOnlyList<string> files, string manifest)
    {
        SourceDirectory = sourceDirectory;
        Files = files;
        Manifest = manifest;
        Digest = Sha256Hex.Of(manifest);
    }

    /// <summary>The host directory the files are read from.</summary>
    public string SourceDirectory { get; }

    /// <summary>The files, relative to <see cref="SourceDirectory"/>, in ordinal order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary><c>sha256sum</c> lines (<c>HASH  PATH</c>) of every file.</summary>
    public string Manifest { get; }

    /// <summary>The manifest's SHA-256 (hex).</summary>
    public string Digest { get; }

    /// <summary>Reads <paramref name="files"/> under <paramref name="sourceDirectory"/> now.</summary>
    /// <exception cref="ArgumentException">A path is absolute, climbs out with <c>..</c> or repeats.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static NodePayload Read(string sourceDirectory, IEnumerable<string> files) => Build(sourceDirectory, files, null);

    /// <summary>
    /// Reads the files once into a tar archive (their modes kept, owned by root, the manifest last) and returns it with
    /// the payload those same bytes make, so what is checked is what is shipped.
    /// </summary>
    public static (NodePayload Payload, byte[] Archive) Pack(string sourceDirectory, IEnumerable<string> files)
    {
        using var buffer = new MemoryStream();
        NodePayload payload;
        using (var tar = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            payload = Build(sourceDirectory, files, (path, file, content) => tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, file)
            {
                DataStream = new MemoryStream(content),
                Mode = ModeOf(path),
            }));
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, ManifestFile) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(payload.Manifest)), Mode = Readable });
        }

        return (payload, buffer.ToArray());
    }

    // Executables stay executable; everything else is plain readable.
    private static UnixFileMode ModeOf(string path) =>
        OperatingSystem.IsLinux() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0 ? Executable : Readable;

    private static NodePayload Build(string sourceDirectory, IEnumerable<string> files, Action<string, string, byte[]>? write)
    {
        ArgumentNullException.ThrowIfNull(sourceDirectory);
        ArgumentNullException.ThrowIfNull(files);
        var sorted = files.Order(StringComparer.Ordinal).ToList();
        if (sorted.Count == 0)
        {
            throw new ArgumentException("a payload needs at least one file", nameof(files));
        }

        var manifest = new StringBuilder();
        string? previous = null;
        foreach (var file in sorted)
        {
            CheckRelative(file);
            if (file == previous)
            {
                throw new ArgumentException($"payload file '{file}' is listed twice", nameof(files));
            }

            var path = Path.Combine(sourceDirectory, file);
            var content = File.ReadAllBytes(path);
            manifest.Append(Sha256Hex.Of(content)).Append("  ").Append(file).Append('\n');
            write?.Invoke(path, file, content);
            previous = file;
        }

        return new NodePayload(sourceDirectory, sorted, manifest.ToString());
    }

    /// <summary>Throws unless <paramref name="path"/> is a relative path that stays inside its directory.</summary>
    public static void CheckRelative(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.StartsWith('/') || path.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new ArgumentException($"payload file '{path}' must be a relative path without empty, '.' or '..' parts", nameof(path));
        }
    }
}
