using System.Runtime.InteropServices;
using System.Text;

namespace Kubedos.Engine.State;

/// <summary>The real <see cref="IDurableFileSystem"/>: .NET file APIs, and libc's <c>open</c>/<c>fsync</c> for directories.</summary>
/// <remarks>
/// .NET opens no handle on a directory (<c>File.OpenHandle</c> refuses one with
/// <see cref="UnauthorizedAccessException"/>), so a directory is fsync'd through libc. Windows has
/// no directory fsync (NTFS journals its metadata), so there it does nothing.
/// </remarks>
public sealed class DurableFileSystem : IDurableFileSystem
{
    private DurableFileSystem()
    {
    }

    public static DurableFileSystem Instance { get; } = new();

    public void WriteFile(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        stream.Write(bytes);
    }

    public void FsyncFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
        stream.Flush(flushToDisk: true);
    }

    /// <remarks>
    /// .NET's <c>File.Move</c> without overwrite checks that the target is absent and then renames, so two racing
    /// creators can both "succeed" (the second overwriting the first). Here a create-exclusive publish is
    /// <c>link(2)</c>, which fails atomically when the target exists, then the temp name is removed.
    /// </remarks>
    public void Rename(string from, string to, bool overwrite)
    {
        if (overwrite || OperatingSystem.IsWindows())
        {
            File.Move(from, to, overwrite);
            return;
        }

        if (Link(Encoding.UTF8.GetBytes(Path.GetFullPath(from) + "\0"), Encoding.UTF8.GetBytes(Path.GetFullPath(to) + "\0")) != 0)
        {
            throw new IOException($"cannot create {to}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        File.Delete(from);
    }

    public void FsyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Encoding.UTF8.GetBytes(Path.GetFullPath(directory) + "\0");
        var fd = Open(path, ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"cannot open directory {directory} to fsync it: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"cannot fsync directory {directory}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    public void Truncate(FileStream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        file.SetLength(0);
        file.Flush(flushToDisk: true);
    }

    public void Delete(string path) => File.Delete(path);

    private const int ReadOnly = 0;

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Link(byte[] from, byte[] to);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
