using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Kubedos.Engine.State;

/// <summary>The file backend: <c>&lt;root&gt;/stacks/&lt;project&gt;/&lt;stack&gt;.json</c> (+ <c>.journal</c>) and <c>&lt;root&gt;/history/</c>.</summary>
internal sealed class FileCheckpointStore
{
    private readonly TimeProvider _time;

    public FileCheckpointStore(string root, TimeProvider time)
    {
        Root = Path.GetFullPath(root);
        _time = time;
    }

    /// <summary>The backend's root directory (<c>.kubedos/</c> by default).</summary>
    public string Root { get; }

    /// <summary>Opens the backend a URL names: <c>file://&lt;path&gt;</c>, <c>file://~/...</c>, or a plain path; relative to <paramref name="workDir"/>.</summary>
    public static FileCheckpointStore FromBackendUrl(string? url, string workDir, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return new FileCheckpointStore(Path.Combine(workDir, ".kubedos"), time);
        }

        var path = url;
        if (url.StartsWith("file://", StringComparison.Ordinal))
        {
            path = url["file://".Length..];
        }
        else if (url.Contains("://", StringComparison.Ordinal))
        {
            throw new StateException($"backend '{url}' is not supported: use file://<path> (or a plain path)");
        }

        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'));
        }

        return new FileCheckpointStore(Path.IsPathRooted(path) ? path : Path.Combine(workDir, path), time);
    }

    public string StackFile(string project, string stack) => Path.Combine(Root, "stacks", project, stack + ".json");

    public string JournalFile(string project, string stack) => Path.Combine(Root, "stacks", project, stack + ".journal");

    private string HistoryDir(string project, string stack) => Path.Combine(Root, "history", project, stack);

    public bool Exists(string project, string stack) => File.Exists(StackFile(project, stack));

    public IReadOnlyList<string> List(string project)
    {
        var dir = Path.Combine(Root, "stacks", project);
        return Directory.Exists(dir)
            ? [.. Directory.EnumerateFiles(dir, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)]
            : [];
    }

    public void Create(string project, string stack, CheckpointJson json)
    {
        ValidateStackName(stack);
        if (Exists(project, stack))
        {
            throw new StateException($"stack '{stack}' already exists in {Root}");
        }

        WriteSnapshot(project, stack, Checkpoint.Empty(_time.GetUtcNow()), json);
    }

    public void Remove(string project, string stack)
    {
        File.Delete(StackFile(project, stack));
        File.Delete(JournalFile(project, stack));
        var history = HistoryDir(project, stack);
        if (Directory.Exists(history))
        {
            Directory.Delete(history, recursive: true);
        }
    }

    /// <summary>The stack's checkpoint: the snapshot with the journal replayed; with <paramref name="compact"/> the result is folded back to disk.</summary>
    public Checkpoint Load(string project, string stack, CheckpointJson json, bool compact)
    {
        var path = StackFile(project, stack);
        if (!File.Exists(path))
        {
            throw new StateException($"stack '{stack}' does not exist in {Root} (create it with `kubedos stack init {stack}`)");
        }

        var snapshot = json.DeserializeStackFile(File.ReadAllBytes(path), path);
        var journal = JournalFile(project, stack);
        if (!File.Exists(journal) || new FileInfo(journal).Length == 0)
        {
            return snapshot;
        }

        var draft = new CheckpointDraft(snapshot);
        FileCheckpointJournal.Replay(journal, draft, json);
        var merged = draft.ToCheckpoint(_time.GetUtcNow());
        if (compact)
        {
            WriteSnapshot(project, stack, merged, json);
            File.Delete(journal);
        }

        return merged;
    }

    /// <summary>Writes the stack file crash-safely (temp file, fsync, rename); returns the bytes written.</summary>
    public long WriteSnapshot(string project, string stack, Checkpoint checkpoint, CheckpointJson json)
    {
        var path = StackFile(project, stack);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = json.SerializeStackFile(stack, checkpoint);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        return bytes.Length;
    }

    public FileCheckpointJournal OpenJournal(string project, string stack, CheckpointJson json, Checkpoint basis) =>
        new(this, project, stack, JournalFile(project, stack), json, basis, _time);

    public void AppendHistory(string project, string stack, UpdateRecord record)
    {
        var dir = HistoryDir(project, stack);
        Directory.CreateDirectory(dir);
        var name = $"{stack}-{record.StartTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.history.json";
        var temp = Path.Combine(dir, name + ".tmp");
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(HistoryFile.From(record), HistoryJson.Default.HistoryFile));
        File.Move(temp, Path.Combine(dir, name));
    }

    public IReadOnlyList<UpdateRecord> History(string project, string stack)
    {
        var dir = HistoryDir(project, stack);
        if (!Directory.Exists(dir))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(dir, "*.history.json")
            .Select(f => JsonSerializer.Deserialize(File.ReadAllBytes(f), HistoryJson.Default.HistoryFile)!.ToRecord())
            .OrderBy(r => r.StartTime)];
    }

    internal static void ValidateStackName(string stack)
    {
        if (Automation.StackNameRule.Problem(stack) is { } problem)
        {
            throw new StateException(problem);
        }
    }

    /// <summary>A history entry on disk, in the shape of Pulumi's update info.</summary>
    internal sealed record HistoryFile(string Kind, DateTimeOffset StartTime, DateTimeOffset EndTime, string Result, Dictionary<string, int> ResourceChanges, List<string> Failures)
    {
        public static HistoryFile From(UpdateRecord r) =>
            new(r.Kind.ToString().ToLowerInvariant(), r.StartTime, r.EndTime, r.Succeeded ? "succeeded" : "failed", new(r.ResourceChanges), [.. r.Failures]);

        public UpdateRecord ToRecord() => new(
            Enum.Parse<UpdateKind>(Kind, ignoreCase: true), StartTime, EndTime, Result == "succeeded",
            ResourceChanges.ToImmutableSortedDictionary(StringComparer.Ordinal), [.. Failures]);
    }
}
