using Kubedos.Engine.State;

namespace Kubedos.Engine.Tests.Fakes;

/// <summary>The real file system, recording each durable operation as "op name" (file names only), in order.</summary>
internal sealed class RecordingFileSystem : IDurableFileSystem
{
    private readonly IDurableFileSystem real = DurableFileSystem.Instance;
    private readonly List<string> operations = [];

    public IReadOnlyList<string> Operations
    {
        get
        {
            lock (operations)
            {
                return [.. operations];
            }
        }
    }

    public void Clear()
    {
        lock (operations)
        {
            operations.Clear();
        }
    }

    public void WriteFile(string path, ReadOnlySpan<byte> bytes)
    {
        Record("write", path);
        real.WriteFile(path, bytes);
    }

    public void FsyncFile(string path)
    {
        Record("fsync-file", path);
        real.FsyncFile(path);
    }

    public void Rename(string from, string to, bool overwrite)
    {
        Record("rename", from, to);
        real.Rename(from, to, overwrite);
    }

    public void FsyncDirectory(string directory)
    {
        Record("fsync-dir", directory);
        real.FsyncDirectory(directory);
    }

    public void Truncate(FileStream file)
    {
        Record("truncate", file.Name);
        real.Truncate(file);
    }

    public void Delete(string path)
    {
        Record("delete", path);
        real.Delete(path);
    }

    /// <summary>A temp file shows as "tmp(&lt;target&gt;)", so tests need not know the random part of its name.</summary>
    private static string Name(string path)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        return name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal)
            ? $"tmp({name[1..name.LastIndexOf('.', name.Length - 5)]})"
            : name;
    }

    private void Record(string op, params string[] paths)
    {
        lock (operations)
        {
            operations.Add($"{op} {string.Join(" ", paths.Select(Name))}");
        }
    }
}
