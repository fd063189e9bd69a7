namespace Kubedos.Engine.State;

/// <summary>The file operations that publish state, each durable when it returns: the seam tests use to check their order.</summary>
/// <remarks>
/// A rename is durable only once its directory is fsync'd: until then a power cut can keep a later
/// change (a truncated journal) and lose the rename. <see cref="DurableFiles"/> composes these into
/// "write atomically" and "create exclusively"; a backend that is not a file system has no use for it.
/// </remarks>
public interface IDurableFileSystem
{
    /// <summary>Creates or overwrites <paramref name="path"/> with <paramref name="bytes"/> (not yet flushed).</summary>
    void WriteFile(string path, ReadOnlySpan<byte> bytes);

    /// <summary>Flushes <paramref name="path"/>'s data to disk (fsync of the file).</summary>
    void FsyncFile(string path);

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/>; without <paramref name="overwrite"/> an existing target is an <see cref="IOException"/> and stays as it was.</summary>
    void Rename(string from, string to, bool overwrite);

    /// <summary>Makes the entries of <paramref name="directory"/> (renames, creates, deletes) durable (fsync of the directory).</summary>
    void FsyncDirectory(string directory);

    /// <summary>Truncates an open file to nothing and flushes that to disk.</summary>
    void Truncate(FileStream file);

    /// <summary>Deletes <paramref name="path"/> (nothing when it does not exist).</summary>
    void Delete(string path);
}
