using System.Runtime.InteropServices;

namespace Kubedos.Input;

/// <summary>Opens only regular files, and reads at most a cap from them.</summary>
/// <remarks>
/// A FIFO blocks the open until a writer comes, and a device such as <c>/dev/zero</c> never ends
/// and reports length 0, so neither an existence check nor <see cref="FileInfo.Length"/> protects a
/// reader. .NET does not expose a file's type, so on Linux it is asked of statx(2) (its layout is
/// the same on every architecture).
/// </remarks>
public static partial class RegularFile
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int StatxModeOffset = 28;
    private const int StatxSize = 256;

    /// <summary>Null when <paramref name="path"/> (after symbolic links) is a regular file; else what it is instead.</summary>
    public static string? Problem(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            return "is a directory, not a regular file";
        }

        if (!File.Exists(path))
        {
            return "does not exist";
        }

        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[StatxSize];
        if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
        {
            return $"cannot be inspected (errno {Marshal.GetLastPInvokeError()})";
        }

        var kind = BitConverter.ToUInt16(buffer, StatxModeOffset) & 0xF000;
        return kind switch
        {
            0x8000 => null,
            0x1000 => "is not a regular file (a FIFO)",
            0x2000 => "is not a regular file (a character device)",
            0x6000 => "is not a regular file (a block device)",
            0xC000 => "is not a regular file (a socket)",
            _ => "is not a regular file",
        };
    }

    /// <summary>The bytes of <paramref name="path"/>, a regular file of at most <paramref name="maxBytes"/>.</summary>
    /// <exception cref="InputFileException">Not a regular file (<c>file-not-regular</c>), larger than the cap (<c>file-too-large</c>) or unreadable (<c>file-unreadable</c>).</exception>
    public static byte[] ReadAtMost(string path, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (Problem(path) is { } problem)
        {
            throw new InputFileException(path, 1, 1, problem == "does not exist" ? "file-not-found" : "file-not-regular", $"'{path}' {problem}");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;

            // Read one byte past the cap, whatever the file claims its length is: it may grow, or lie.
            while ((read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes + 1 - copy.Length))) > 0)
            {
                copy.Write(buffer, 0, read);
                if (copy.Length > maxBytes)
                {
                    throw new InputFileException(path, 1, 1, "file-too-large", $"'{path}' is larger than {Describe(maxBytes)}");
                }
            }

            return copy.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException(path, 1, 1, "file-unreadable", $"cannot read '{path}': {e.Message}", e);
        }
    }

    private static string Describe(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : $"{bytes} bytes";

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);
}
