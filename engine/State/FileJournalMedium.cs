namespace Kubedos.Engine.State;

/// <summary>The file backend's journal: JSON lines appended next to the stack file, fsync'd per batch: O(change) per step.</summary>
/// <remarks>
/// A crash mid-append leaves at most a torn last line, which replay ignores; every earlier line
/// is durable. <see cref="Complete"/> folds the journal into the stack file (temp, fsync, rename)
/// and then truncates it; an empty journal is deleted when the operation ends.
/// </remarks>
internal sealed class FileJournalMedium : IJournalMedium
{
    private readonly FileCheckpointStore _store;
    private readonly string _project;
    private readonly string _stack;
    private readonly CheckpointJson _json;
    private readonly FileStream _stream;

    public FileJournalMedium(FileCheckpointStore store, string project, string stack, CheckpointJson json)
    {
        _store = store;
        _project = project;
        _stack = stack;
        _json = json;
        var path = store.JournalFile(project, stack);
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.None);

        // A journal just created is durable (its fsync'd lines findable after a power cut) only once its directory is.
        store.Files.FsyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    public void Append(IReadOnlyList<byte[]> lines)
    {
        foreach (var line in lines)
        {
            _stream.Write(line);
        }

        _stream.Flush(flushToDisk: true);
    }

    public long Complete(Checkpoint checkpoint)
    {
        // WriteSnapshot returns once the rename is durable (directory fsync'd): truncating the journal
        // before that could let a power cut keep the truncation and lose the rename, and with it the update.
        var written = _store.WriteSnapshot(_project, _stack, checkpoint, _json);
        _store.Files.Truncate(_stream);
        return written;
    }

    public async ValueTask DisposeAsync()
    {
        var empty = _stream.Length == 0;
        await _stream.DisposeAsync();
        if (empty)
        {
            _store.Files.Delete(_stream.Name);
        }
    }

    /// <summary>Replays a journal file onto <paramref name="draft"/>; a torn last line is ignored, a bad earlier line is an error naming file:line.</summary>
    internal static void Replay(string path, CheckpointDraft draft, CheckpointJson json)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var lines = File.ReadAllLines(path);
        var last = Array.FindLastIndex(lines, l => l.Length > 0);
        var entries = new List<(string, ReadOnlyMemory<byte>)>();
        for (var n = 0; n <= last; n++)
        {
            if (lines[n].Length == 0)
            {
                continue;
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(lines[n]);
            if (n == last && IsTorn(bytes, json))
            {
                // A crash mid-append: the line was never acknowledged, so nothing relied on it.
                break;
            }

            entries.Add(($"{path}:{n + 1}", bytes));
        }

        JournalLines.Replay(entries, draft, json);
    }

    private static bool IsTorn(byte[] line, CheckpointJson json)
    {
        try
        {
            JournalLines.Parse(line, json);
            return false;
        }
        catch (Exception ex) when (JournalLines.IsDamage(ex))
        {
            return true;
        }
    }
}
