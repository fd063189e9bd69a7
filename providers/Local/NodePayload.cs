using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;

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
        Digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest)));
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
    public static NodePayload Read(string sourceDirectory, IEnumerable<string> files)
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

            using var stream = File.OpenRead(Path.Combine(sourceDirectory, file));
            manifest.Append(Convert.ToHexStringLower(SHA256.HashData(stream))).Append("  ").Append(file).Append('\n');
            previous = file;
        }

        return new NodePayload(sourceDirectory, sorted, manifest.ToString());
    }

    /// <summary>A tar archive of the files (their modes kept, owned by root) and the manifest.</summary>
    public byte[] Archive()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("a payload is packed on the lab's Linux host");
        }

        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var file in Files)
            {
                var path = Path.Combine(SourceDirectory, file);
                using var content = File.OpenRead(path);
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, file)
                {
                    DataStream = content,
                    Mode = (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0 ? Executable : Readable,
                });
            }

            using var manifest = new MemoryStream(Encoding.UTF8.GetBytes(Manifest));
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, ManifestFile) { DataStream = manifest, Mode = Readable });
        }

        return buffer.ToArray();
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
