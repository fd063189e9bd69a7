using System.Text;

namespace Kubedos.Pki;

/// <summary>Files that hold private material: created with owner-only rights from the first byte, flushed to disk.</summary>
/// <remarks>
/// The mode is given at creation (no window with wider rights), and a replacement is written to a fresh
/// temp file first: a leftover one would keep its own mode through <see cref="FileMode.Create"/>.
/// </remarks>
public static class OwnerOnlyFile
{
    /// <summary>Read and write for the owner only (0600).</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Public material beside private material: the owner writes, everyone reads (0644).</summary>
    public const UnixFileMode WorldReadable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Creates <paramref name="path"/>, which must not exist, holding <paramref name="content"/>.</summary>
    /// <exception cref="IOException">The file exists already (it is never overwritten).</exception>
    public static async Task CreateNewAsync(string path, string content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(content);
        await WriteAsync(path, Encoding.UTF8.GetBytes(content), OwnerOnly, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces <paramref name="path"/> whole with <paramref name="content"/>: a reader sees the old file or the new one.</summary>
    public static async Task ReplaceAsync(string path, ReadOnlyMemory<byte> content, UnixFileMode mode, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temp = path + ".tmp";
        File.Delete(temp);
        await WriteAsync(temp, content, mode, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Replaces <paramref name="path"/> whole, as <see cref="ReplaceAsync(string, ReadOnlyMemory{byte}, UnixFileMode, CancellationToken)"/> does, for callers that hold a lock.</summary>
    public static void Replace(string path, ReadOnlySpan<byte> content, UnixFileMode mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temp = path + ".tmp";
        File.Delete(temp);
        using (var stream = new FileStream(temp, CreateNew(mode)))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Replaces <paramref name="path"/> whole with the UTF-8 of <paramref name="content"/>, readable by its owner only.</summary>
    public static Task ReplaceAsync(string path, string content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        return ReplaceAsync(path, Encoding.UTF8.GetBytes(content), OwnerOnly, cancellationToken);
    }

    private static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, UnixFileMode mode, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, CreateNew(mode));
        await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
    }

    private static FileStreamOptions CreateNew(UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        return options;
    }
}
