using System.Diagnostics;

namespace Kubedos.Engine.State;

/// <summary>An exclusive lock on a lock file (an open with <see cref="FileShare.None"/>, a <c>flock</c> on Unix), held until disposed.</summary>
/// <remarks>
/// The kernel drops a flock with its process, so a holder killed with -9 leaves the file unlocked.
/// For read-modify-write of a small file (a stack's config file): writers serialise on the lock,
/// threads of one process included, because each holder has its own open file. The lock file stays
/// in place when released: deleting it would let a waiter lock an unlinked file while a newcomer
/// locks a new one.
/// </remarks>
public sealed class ExclusiveFileLock : IDisposable
{
    private readonly FileStream stream;

    private ExclusiveFileLock(FileStream stream)
    {
        this.stream = stream;
    }

    /// <summary>The lock file.</summary>
    public string Path => stream.Name;

    /// <summary>Takes the lock on <paramref name="path"/>, waiting up to <paramref name="patience"/> for its holder.</summary>
    /// <exception cref="TimeoutException">Someone held it for longer than <paramref name="patience"/>.</exception>
    public static ExclusiveFileLock Acquire(string path, TimeSpan patience)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new ExclusiveFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1));
            }
            catch (IOException) when (waited.Elapsed < patience)
            {
                // Held by another writer: they hold it for one read, change and atomic write.
                Thread.Sleep(Random.Shared.Next(2, 15));
            }
            catch (IOException e)
            {
                throw new TimeoutException($"the lock {path} has been held by another writer for more than {patience.TotalSeconds:0}s", e);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
