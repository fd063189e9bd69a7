namespace Kubedos.Engine.State;

/// <summary>Atomic, durable publishing of whole files over <see cref="IDurableFileSystem"/>: temp file, fsync, rename, fsync of the directory.</summary>
public static class DurableFiles
{
    /// <summary>Replaces <paramref name="path"/> with <paramref name="bytes"/>: a reader sees the old file or the new one, and after a power cut so does the disk.</summary>
    public static void WriteAtomically(this IDurableFileSystem files, string path, ReadOnlySpan<byte> bytes) =>
        Publish(files, path, bytes, overwrite: true);

    /// <summary>Creates <paramref name="path"/> with <paramref name="bytes"/> unless it exists; of racing creators exactly one gets true.</summary>
    public static bool CreateExclusively(this IDurableFileSystem files, string path, ReadOnlySpan<byte> bytes) =>
        Publish(files, path, bytes, overwrite: false);

    private static bool Publish(IDurableFileSystem files, string path, ReadOnlySpan<byte> bytes, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(files);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);

        // A unique temp name: concurrent writers (threads or processes) never share one.
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            files.WriteFile(temp, bytes);
            files.FsyncFile(temp);
            files.Rename(temp, full, overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(full))
        {
            files.Delete(temp);
            return false;
        }
        catch
        {
            files.Delete(temp);
            throw;
        }

        files.FsyncDirectory(directory);
        return true;
    }
}
