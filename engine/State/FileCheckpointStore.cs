using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Kubedos.Engine.State;

/// <summary>The file backend: <c>&lt;root&gt;/stacks/&lt;project&gt;/&lt;stack&gt;.json</c> (+ <c>.journal</c>) and <c>&lt;root&gt;/history/</c>.</summary>
internal sealed class FileCheckpointStore : ICheckpointStore
{
    private readonly TimeProvider _time;

    public FileCheckpointStore(string root, TimeProvider time, IDurableFileSystem? files = null)
    {
        Root = Path.GetFullPath(root);
        _time = time;
        Files = files ?? DurableFileSystem.Instance;
    }

    /// <summary>How state files are published: every rename is followed by an fsync of its directory.</summary>
    internal IDurableFileSystem Files { get; }

    /// <summary>The backend's root directory (<c>.kubedos/</c> by default).</summary>
    public string Root { get; }

    /// <summary>Opens the backend a <c>file://</c> URL names: <c>file://&lt;path&gt;</c>, <c>file://~/...</c>, or a plain path; relative to <paramref name="workDir"/>.</summary>
    public static FileCheckpointStore Open(string url, string workDir, TimeProvider time)
    {
        var path = url.StartsWith("file://", StringComparison.Ordinal) ? url["file://".Length..] : url;
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'));
        }

        return new FileCheckpointStore(Path.IsPathRooted(path) ? path : Path.Combine(workDir, path), time);
    }

    public string Location => Root;

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

    /// <summary>Creates the stack with an empty checkpoint; of concurrent creators of one name exactly one succeeds.</summary>
    /// <exception cref="StateException">The stack already exists.</exception>
    public void Create(string project, string stack, CheckpointJson json)
    {
        ValidateStackName(stack);
        var bytes = json.SerializeStackFile(stack, Checkpoint.Empty(_time.GetUtcNow()));
        if (!Files.CreateExclusively(StackFile(project, stack), bytes))
        {
            throw new StateException($"stack '{stack}' already exists in {Root}");
        }
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

    /// <summary>
    /// Moves <paramref name="stack"/>'s state and history to <paramref name="newStack"/>, with <paramref name="renamed"/> as its
    /// checkpoint; the new stack file is written before the old one goes, so a crash leaves at least one whole copy.
    /// </summary>
    /// <exception cref="StateException">The new name is invalid or already taken.</exception>
    public void Rename(string project, string stack, string newStack, Checkpoint renamed, CheckpointJson json)
    {
        ValidateStackName(newStack);
        if (Exists(project, newStack))
        {
            throw new StateException($"a stack named '{newStack}' already exists in {Root}");
        }

        WriteSnapshot(project, newStack, renamed, json);
        var history = HistoryDir(project, stack);
        if (Directory.Exists(history))
        {
            var target = HistoryDir(project, newStack);
            Directory.CreateDirectory(target);
            foreach (var file in Directory.EnumerateFiles(history, "*.history.json"))
            {
                File.Move(file, Path.Combine(target, Path.GetFileName(file)));
            }

            Directory.Delete(history, recursive: true);
        }

        File.Delete(JournalFile(project, stack));
        File.Delete(StackFile(project, stack));
    }

    /// <summary>The stack's checkpoint: the snapshot with the journal replayed; with <paramref name="compact"/> the result is folded back to disk.</summary>
    /// <exception cref="CheckpointIntegrityException">The checkpoint is damaged or foreign (a dangling or cyclic parent, a duplicate URN, ...); names the URN and the rule.</exception>
    public Checkpoint Load(string project, string stack, CheckpointJson json, bool compact)
    {
        var (checkpoint, replayed) = Read(project, stack, json);

        // Checked before it is folded back: a damaged state is refused, not rewritten.
        CheckpointIntegrity.Verify(checkpoint, project, stack, StackFile(project, stack));
        if (compact && replayed)
        {
            // The snapshot's rename is durable before the journal goes.
            WriteSnapshot(project, stack, checkpoint, json);
            Files.Delete(JournalFile(project, stack));
        }

        return checkpoint;
    }

    /// <summary>The checkpoint as stored, even when it fails <see cref="CheckpointIntegrity"/> (for <c>stack export</c>, so a damaged state can be exported, fixed and imported again); writes nothing.</summary>
    public Checkpoint LoadUnverified(string project, string stack, CheckpointJson json) => Read(project, stack, json).Checkpoint;

    private (Checkpoint Checkpoint, bool Replayed) Read(string project, string stack, CheckpointJson json)
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
            return (snapshot, false);
        }

        var draft = new CheckpointDraft(snapshot);
        FileJournalMedium.Replay(journal, draft, json);
        return (draft.ToCheckpoint(_time.GetUtcNow()), true);
    }

    /// <summary>Writes the stack file crash-safely (temp file, fsync, rename, fsync of the directory); returns the bytes written.</summary>
    public long WriteSnapshot(string project, string stack, Checkpoint checkpoint, CheckpointJson json)
    {
        var bytes = json.SerializeStackFile(stack, checkpoint);
        Files.WriteAtomically(StackFile(project, stack), bytes);
        return bytes.Length;
    }

    /// <summary>Replaces the stack's checkpoint with <paramref name="checkpoint"/> (an import): the journal of an earlier run goes first, durably, so it is never replayed over the new state.</summary>
    public void Save(string project, string stack, Checkpoint checkpoint, CheckpointJson json)
    {
        var journal = JournalFile(project, stack);
        if (File.Exists(journal))
        {
            Files.Delete(journal);
            Files.FsyncDirectory(Path.GetDirectoryName(journal)!);
        }

        WriteSnapshot(project, stack, checkpoint, json);
    }

    public ICheckpointJournal OpenJournal(string project, string stack, CheckpointJson json, Checkpoint basis) =>
        new CheckpointJournal(new FileJournalMedium(this, project, stack, json), json, basis, _time);

    public void AppendHistory(string project, string stack, UpdateRecord record)
    {
        var dir = HistoryDir(project, stack);
        var name = $"{stack}-{record.StartTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.history.json";
        Files.WriteAtomically(Path.Combine(dir, name), JsonSerializer.SerializeToUtf8Bytes(HistoryFile.From(record), HistoryJson.Default.HistoryFile));
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

    public IStackLock Lock(string project, string stack, string operation, bool resumeAfterDeadHolder, out StackLockInfo? deadHolder)
    {
        deadHolder = null;
        return resumeAfterDeadHolder
            ? StackLock.AcquireBreakingStale(Root, project, stack, operation, _time, out deadHolder)
            : StackLock.Acquire(Root, project, stack, operation, _time);
    }

    public StackLockInfo? LockHolder(string project, string stack) => StackLock.Read(Root, project, stack);

    public StackLockInfo? Unlock(string project, string stack, bool force) => StackLock.Break(Root, project, stack, force);

    internal static void ValidateStackName(string stack)
    {
        if (StackNames.Problem(stack) is { } problem)
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
