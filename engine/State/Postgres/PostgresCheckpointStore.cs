using System.Data;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Kubedos.Engine.State.Postgres;

/// <summary>
/// The PostgreSQL backend (<c>postgres://user:password@host:port/database?schema=kubedos</c>): one row per (project, stack)
/// holding the stack file's JSON, the running operation's journal as rows, the history, and a session advisory lock.
/// </summary>
/// <remarks>
/// Like Terraform's <c>pg</c> backend a stack is one blob and its lock an advisory lock, so a killed process's lock goes
/// with its connection. Unlike it, each step appends a journal row (O(changes), not the whole state), a snapshot is
/// written only where its version is the one read (optimistic concurrency), and a crash is recovered exactly as on
/// <c>file://</c>: the journal is replayed over the snapshot and pending operations are resolved by the next run.
/// </remarks>
internal sealed class PostgresCheckpointStore : ICheckpointStore
{
    private readonly PostgresDatabase _db;
    private readonly TimeProvider _time;

    private PostgresCheckpointStore(PostgresDatabase db, TimeProvider time)
    {
        _db = db;
        _time = time;
    }

    public string Location => _db.Location;

    internal PostgresDatabase Database => _db;

    /// <exception cref="StateException">The URL is malformed (the message carries no password).</exception>
    public static PostgresCheckpointStore Open(string url, Func<string, string?> environment, TimeProvider time) =>
        new(new PostgresDatabase(PostgresAddress.Parse(url, environment)), time);

    private string T(string table) => $"{_db.Schema}.{table}";

    public bool Exists(string project, string stack) => _db.Run(c =>
        Scalar(c, null, $"SELECT 1 FROM {T("stacks")} WHERE project = @p AND stack = @s", ("p", project), ("s", stack)) is not null);

    public IReadOnlyList<string> List(string project) => _db.Run(c =>
    {
        using var reader = Command(c, null, $"SELECT stack FROM {T("stacks")} WHERE project = @p ORDER BY stack COLLATE \"C\"", ("p", project)).ExecuteReader();
        var stacks = new List<string>();
        while (reader.Read())
        {
            stacks.Add(reader.GetString(0));
        }

        return (IReadOnlyList<string>)stacks;
    });

    public void Create(string project, string stack, CheckpointJson json)
    {
        FileCheckpointStore.ValidateStackName(stack);
        var snapshot = json.SerializeStackFile(stack, Checkpoint.Empty(_time.GetUtcNow()));
        var created = _db.Run(c => Insert(c, null, project, stack, snapshot));
        if (!created)
        {
            throw new StateException($"stack '{stack}' already exists in {Location}");
        }
    }

    public void Remove(string project, string stack) => _db.Run(c =>
    {
        using var tx = c.BeginTransaction();
        Execute(c, tx, $"DELETE FROM {T("stacks")} WHERE project = @p AND stack = @s", ("p", project), ("s", stack));
        Execute(c, tx, $"DELETE FROM {T("history")} WHERE project = @p AND stack = @s", ("p", project), ("s", stack));
        tx.Commit();
        return 0;
    });

    public void Rename(string project, string stack, string newStack, Checkpoint renamed, CheckpointJson json)
    {
        FileCheckpointStore.ValidateStackName(newStack);
        var snapshot = json.SerializeStackFile(newStack, renamed);
        _db.Run(c =>
        {
            using var tx = c.BeginTransaction();
            if (!Insert(c, tx, project, newStack, snapshot))
            {
                throw new StateException($"a stack named '{newStack}' already exists in {Location}");
            }

            Execute(c, tx, $"UPDATE {T("history")} SET stack = @n WHERE project = @p AND stack = @s", ("p", project), ("s", stack), ("n", newStack));
            Execute(c, tx, $"DELETE FROM {T("stacks")} WHERE project = @p AND stack = @s", ("p", project), ("s", stack));
            tx.Commit();
            return 0;
        });
    }

    public Checkpoint Load(string project, string stack, CheckpointJson json, bool compact) => _db.Run(c =>
    {
        using var tx = c.BeginTransaction(IsolationLevel.RepeatableRead);
        var stored = Read(c, tx, project, stack, json);

        // Checked before it is folded back: a damaged state is refused, not rewritten.
        CheckpointIntegrity.Verify(stored.Checkpoint, project, stack, Where(project, stack));
        if (compact && stored.LastEntry is { } last)
        {
            // One transaction: the snapshot and the journal it absorbed change together or not at all.
            WriteSnapshot(c, tx, project, stack, json.SerializeStackFile(stack, stored.Checkpoint), stored.Version);
            Execute(c, tx, $"DELETE FROM {T("journal")} WHERE project = @p AND stack = @s AND id <= @id", ("p", project), ("s", stack), ("id", last));
        }

        tx.Commit();
        return stored.Checkpoint;
    });

    public Checkpoint LoadUnverified(string project, string stack, CheckpointJson json) => _db.Run(c =>
    {
        using var tx = c.BeginTransaction(IsolationLevel.RepeatableRead);
        return Read(c, tx, project, stack, json).Checkpoint;
    });

    public void Save(string project, string stack, Checkpoint checkpoint, CheckpointJson json)
    {
        var snapshot = json.SerializeStackFile(stack, checkpoint);
        _db.Run(c =>
        {
            using var tx = c.BeginTransaction();
            WriteSnapshot(c, tx, project, stack, snapshot, expectedVersion: null);
            Execute(c, tx, $"DELETE FROM {T("journal")} WHERE project = @p AND stack = @s", ("p", project), ("s", stack));
            tx.Commit();
            return 0;
        });
    }

    public ICheckpointJournal OpenJournal(string project, string stack, CheckpointJson json, Checkpoint basis)
    {
        var version = _db.Run(c => Scalar(c, null, $"SELECT version FROM {T("stacks")} WHERE project = @p AND stack = @s", ("p", project), ("s", stack)) as long?)
            ?? throw NoSuchStack(stack);
        return new CheckpointJournal(PostgresJournalMedium.Open(this, project, stack, json, version), json, basis, _time);
    }

    public void AppendHistory(string project, string stack, UpdateRecord record)
    {
        var entry = JsonSerializer.Serialize(FileCheckpointStore.HistoryFile.From(record), HistoryJson.Default.HistoryFile);
        _db.Run(c =>
        {
            using var command = Command(c, null, $"INSERT INTO {T("history")} (project, stack, start_time, entry) VALUES (@p, @s, @t, @e)",
                ("p", project), ("s", stack), ("t", record.StartTime));
            command.Parameters.Add(new NpgsqlParameter("e", NpgsqlDbType.Jsonb) { Value = entry });
            return command.ExecuteNonQuery();
        });
    }

    public IReadOnlyList<UpdateRecord> History(string project, string stack) => _db.Run(c =>
    {
        using var reader = Command(c, null, $"SELECT entry::text FROM {T("history")} WHERE project = @p AND stack = @s ORDER BY start_time, id",
            ("p", project), ("s", stack)).ExecuteReader();
        var records = new List<UpdateRecord>();
        while (reader.Read())
        {
            records.Add(JsonSerializer.Deserialize(reader.GetString(0), HistoryJson.Default.HistoryFile)!.ToRecord());
        }

        return (IReadOnlyList<UpdateRecord>)records;
    });

    public IStackLock Lock(string project, string stack, string operation, bool resumeAfterDeadHolder, out StackLockInfo? deadHolder)
    {
        // A dead holder's session ended with it, and its advisory lock with that: there is never one to take over.
        deadHolder = null;
        return PostgresStackLock.Acquire(_db, project, stack, StackLockInfo.ForThisProcess(operation, _time));
    }

    public StackLockInfo? LockHolder(string project, string stack) => PostgresStackLock.Holder(_db, project, stack);

    public StackLockInfo? Unlock(string project, string stack, bool force) => PostgresStackLock.Break(_db, project, stack, force);

    /// <summary>A pooled connection held by one operation's journal, so its appends skip the pool's reset and reuse their prepared statement.</summary>
    internal NpgsqlConnection OpenJournalConnection() => _db.Open();

    /// <summary>The journal's append: all of a batch's entries in one statement (one round-trip, durable at commit).</summary>
    internal NpgsqlCommand PrepareAppend(NpgsqlConnection c, string project, string stack) => _db.Guard(() =>
    {
        var command = Command(c, null, $"INSERT INTO {T("journal")} (project, stack, entry) SELECT @p, @s, e FROM unnest(@e) WITH ORDINALITY AS x(e, n) ORDER BY n",
            ("p", project), ("s", stack));
        command.Parameters.Add(new NpgsqlParameter("e", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = Array.Empty<byte[]>() });
        command.Prepare();
        return command;
    });

    /// <summary>Publishes an operation's final snapshot and drops its journal, in one transaction, if nobody wrote the stack since <paramref name="version"/>; returns the new version.</summary>
    internal long CompleteJournal(NpgsqlConnection c, string project, string stack, byte[] snapshot, long version) => _db.Guard(() =>
    {
        using var tx = c.BeginTransaction();
        var next = WriteSnapshot(c, tx, project, stack, snapshot, version);
        Execute(c, tx, $"DELETE FROM {T("journal")} WHERE project = @p AND stack = @s", ("p", project), ("s", stack));
        tx.Commit();
        return next;
    });

    private string Where(string project, string stack) => $"{Location} stack {project}/{stack}";

    private StateException NoSuchStack(string stack) =>
        new($"stack '{stack}' does not exist in {Location} (create it with `kubedos stack init {stack}`)");

    private bool Insert(NpgsqlConnection c, NpgsqlTransaction? tx, string project, string stack, byte[] snapshot) =>
        Execute(c, tx, $"INSERT INTO {T("stacks")} (project, stack, version, snapshot, updated) VALUES (@p, @s, 1, @b, now()) ON CONFLICT DO NOTHING",
            ("p", project), ("s", stack), ("b", snapshot)) == 1;

    /// <summary>Replaces the snapshot (only at <paramref name="expectedVersion"/> when given); returns the new version.</summary>
    private long WriteSnapshot(NpgsqlConnection c, NpgsqlTransaction tx, string project, string stack, byte[] snapshot, long? expectedVersion)
    {
        var sql = $"UPDATE {T("stacks")} SET snapshot = @b, version = version + 1, updated = now() WHERE project = @p AND stack = @s"
            + (expectedVersion is null ? string.Empty : " AND version = @v") + " RETURNING version";
        using var command = Command(c, tx, sql, ("p", project), ("s", stack), ("b", snapshot));
        if (expectedVersion is { } v)
        {
            command.Parameters.AddWithValue("v", v);
        }

        if (command.ExecuteScalar() is long next)
        {
            return next;
        }

        throw expectedVersion is null
            ? NoSuchStack(stack)
            : new StateException(
                $"stack '{stack}' in {Location} was written by someone else since this operation read it (its lock was broken?): "
                + "nothing was overwritten; this operation's steps stay in the journal and the next up, refresh or destroy resolves them");
    }

    private (Checkpoint Checkpoint, long Version, long? LastEntry) Read(NpgsqlConnection c, NpgsqlTransaction tx, string project, string stack, CheckpointJson json)
    {
        byte[] snapshotBytes;
        long version;
        using (var reader = Command(c, tx, $"SELECT snapshot, version FROM {T("stacks")} WHERE project = @p AND stack = @s", ("p", project), ("s", stack)).ExecuteReader())
        {
            if (!reader.Read())
            {
                throw NoSuchStack(stack);
            }

            snapshotBytes = reader.GetFieldValue<byte[]>(0);
            version = reader.GetInt64(1);
        }

        var snapshot = json.DeserializeStackFile(snapshotBytes, Where(project, stack));
        var entries = new List<(string, ReadOnlyMemory<byte>)>();
        long? last = null;
        using (var reader = Command(c, tx, $"SELECT id, entry FROM {T("journal")} WHERE project = @p AND stack = @s ORDER BY id", ("p", project), ("s", stack)).ExecuteReader())
        {
            while (reader.Read())
            {
                last = reader.GetInt64(0);
                entries.Add(($"{Where(project, stack)} journal row {last}", reader.GetFieldValue<byte[]>(1)));
            }
        }

        if (last is null)
        {
            return (snapshot, version, null);
        }

        var draft = new CheckpointDraft(snapshot);
        JournalLines.Replay(entries, draft, json);
        return (draft.ToCheckpoint(_time.GetUtcNow()), version, last);
    }

    private static int Execute(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(c, tx, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(c, tx, sql, parameters);
        return command.ExecuteScalar();
    }

    private static NpgsqlCommand Command(NpgsqlConnection c, NpgsqlTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, c, tx);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
