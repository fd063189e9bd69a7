using System.Collections.Concurrent;

namespace Kubedos.Engine.State.Memory;

/// <summary>
/// A backend in this process's memory (<c>memory://&lt;name&gt;</c>, for tests): the same bytes as the file backend
/// (stack file JSON, journal lines, secrets sealed), the same integrity check, a lock held by this process.
/// </summary>
/// <remarks>Workspaces opened on one name share one store, as two processes share a directory; it lives as long as the process.</remarks>
internal sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private static readonly ConcurrentDictionary<string, InMemoryCheckpointStore> Stores = new(StringComparer.Ordinal);

    private readonly Dictionary<(string Project, string Stack), StoredStack> _stacks = [];
    private readonly Dictionary<(string Project, string Stack), StackLockInfo> _locks = [];
    private readonly TimeProvider _time;

    private InMemoryCheckpointStore(string location, TimeProvider time)
    {
        Location = location;
        _time = time;
    }

    public string Location { get; }

    /// <summary>The store <paramref name="url"/> (<c>memory://&lt;name&gt;</c>) names, created empty on first use.</summary>
    public static InMemoryCheckpointStore Named(string url, TimeProvider time)
    {
        const string scheme = "memory://";
        if (!url.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || url.Length == scheme.Length)
        {
            throw new StateException($"backend '{url}' is not a memory backend URL: use memory://<name>");
        }

        return Stores.GetOrAdd(url[scheme.Length..], name => new InMemoryCheckpointStore(scheme + name, time));
    }

    public bool Exists(string project, string stack)
    {
        lock (_stacks)
        {
            return _stacks.ContainsKey((project, stack));
        }
    }

    public IReadOnlyList<string> List(string project)
    {
        lock (_stacks)
        {
            return [.. _stacks.Keys.Where(k => k.Project == project).Select(k => k.Stack).Order(StringComparer.Ordinal)];
        }
    }

    public void Create(string project, string stack, CheckpointJson json)
    {
        FileCheckpointStore.ValidateStackName(stack);
        var snapshot = json.SerializeStackFile(stack, Checkpoint.Empty(_time.GetUtcNow()));
        lock (_stacks)
        {
            if (!_stacks.TryAdd((project, stack), new StoredStack(snapshot)))
            {
                throw new StateException($"stack '{stack}' already exists in {Location}");
            }
        }
    }

    public void Remove(string project, string stack)
    {
        lock (_stacks)
        {
            _stacks.Remove((project, stack));
        }
    }

    public void Rename(string project, string stack, string newStack, Checkpoint renamed, CheckpointJson json)
    {
        FileCheckpointStore.ValidateStackName(newStack);
        lock (_stacks)
        {
            if (_stacks.ContainsKey((project, newStack)))
            {
                throw new StateException($"a stack named '{newStack}' already exists in {Location}");
            }

            var old = Stored(project, stack);
            var moved = new StoredStack(json.SerializeStackFile(newStack, renamed));
            moved.History.AddRange(old.History);
            _stacks[(project, newStack)] = moved;
            _stacks.Remove((project, stack));
        }
    }

    public Checkpoint Load(string project, string stack, CheckpointJson json, bool compact)
    {
        lock (_stacks)
        {
            var (checkpoint, replayed) = Read(project, stack, json);
            CheckpointIntegrity.Verify(checkpoint, project, stack, Where(project, stack));
            if (compact && replayed)
            {
                var stored = Stored(project, stack);
                stored.Snapshot = json.SerializeStackFile(stack, checkpoint);
                stored.Journal.Clear();
            }

            return checkpoint;
        }
    }

    public Checkpoint LoadUnverified(string project, string stack, CheckpointJson json)
    {
        lock (_stacks)
        {
            return Read(project, stack, json).Checkpoint;
        }
    }

    public void Save(string project, string stack, Checkpoint checkpoint, CheckpointJson json) =>
        WriteSnapshot(project, stack, json.SerializeStackFile(stack, checkpoint));

    public ICheckpointJournal OpenJournal(string project, string stack, CheckpointJson json, Checkpoint basis) =>
        new CheckpointJournal(new Medium(this, project, stack, json), json, basis, _time);

    public void AppendHistory(string project, string stack, UpdateRecord record)
    {
        lock (_stacks)
        {
            Stored(project, stack).History.Add(record);
        }
    }

    public IReadOnlyList<UpdateRecord> History(string project, string stack)
    {
        lock (_stacks)
        {
            return _stacks.TryGetValue((project, stack), out var stored) ? [.. stored.History.OrderBy(r => r.StartTime)] : [];
        }
    }

    public IStackLock Lock(string project, string stack, string operation, bool resumeAfterDeadHolder, out StackLockInfo? deadHolder)
    {
        // Every holder is this process, alive while it can ask: there is never a dead one to take over.
        deadHolder = null;
        var info = StackLockInfo.ForThisProcess(operation, _time);
        lock (_locks)
        {
            if (!_locks.TryAdd((project, stack), info))
            {
                var holder = _locks[(project, stack)];
                throw new StackLockedException(stack, Where(project, stack), holder, $"stack '{stack}' is locked: {holder} ({Where(project, stack)})");
            }
        }

        return new HeldLock(this, project, stack, info);
    }

    public StackLockInfo? LockHolder(string project, string stack)
    {
        lock (_locks)
        {
            return _locks.GetValueOrDefault((project, stack));
        }
    }

    public StackLockInfo? Unlock(string project, string stack, bool force)
    {
        lock (_locks)
        {
            if (!_locks.TryGetValue((project, stack), out var holder))
            {
                return null;
            }

            if (!force)
            {
                throw new StackLockedException(stack, Where(project, stack), holder,
                    $"refusing to unlock stack '{stack}': it is held by a live process: {holder}; break the lock with --force if you know it is gone");
            }

            _locks.Remove((project, stack));
            return holder;
        }
    }

    /// <summary>The stack's stored bytes as text: the snapshot, then each journal entry (for tests that check what is at rest).</summary>
    internal string StoredText(string project, string stack)
    {
        lock (_stacks)
        {
            var stored = Stored(project, stack);
            return string.Concat(new[] { stored.Snapshot }.Concat(stored.Journal).Select(b => System.Text.Encoding.UTF8.GetString(b)));
        }
    }

    private string Where(string project, string stack) => $"{Location}/{project}/{stack}";

    private StoredStack Stored(string project, string stack) =>
        _stacks.TryGetValue((project, stack), out var stored)
            ? stored
            : throw new StateException($"stack '{stack}' does not exist in {Location} (create it with `kubedos stack init {stack}`)");

    private (Checkpoint Checkpoint, bool Replayed) Read(string project, string stack, CheckpointJson json)
    {
        var stored = Stored(project, stack);
        var snapshot = json.DeserializeStackFile(stored.Snapshot, Where(project, stack));
        if (stored.Journal.Count == 0)
        {
            return (snapshot, false);
        }

        var draft = new CheckpointDraft(snapshot);
        JournalLines.Replay(stored.Journal.Select((line, i) => ($"{Where(project, stack)} journal entry {i + 1}", (ReadOnlyMemory<byte>)line)), draft, json);
        return (draft.ToCheckpoint(_time.GetUtcNow()), true);
    }

    private long WriteSnapshot(string project, string stack, byte[] snapshot)
    {
        lock (_stacks)
        {
            var stored = Stored(project, stack);
            stored.Snapshot = snapshot;
            stored.Journal.Clear();
            return snapshot.Length;
        }
    }

    private sealed class StoredStack(byte[] snapshot)
    {
        public byte[] Snapshot { get; set; } = snapshot;

        public List<byte[]> Journal { get; } = [];

        public List<UpdateRecord> History { get; } = [];
    }

    private sealed class Medium(InMemoryCheckpointStore store, string project, string stack, CheckpointJson json) : IJournalMedium
    {
        public void Append(IReadOnlyList<byte[]> lines)
        {
            lock (store._stacks)
            {
                store.Stored(project, stack).Journal.AddRange(lines);
            }
        }

        public long Complete(Checkpoint checkpoint) => store.WriteSnapshot(project, stack, json.SerializeStackFile(stack, checkpoint));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class HeldLock(InMemoryCheckpointStore store, string project, string stack, StackLockInfo info) : IStackLock
    {
        public string Stack => stack;

        public StackLockInfo Info => info;

        public void Dispose()
        {
            lock (store._locks)
            {
                // A lock broken with --force and taken again meanwhile is the new holder's.
                if (store._locks.TryGetValue((project, stack), out var holder) && holder.Id == info.Id)
                {
                    store._locks.Remove((project, stack));
                }
            }
        }
    }
}
