using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Kubedos.Engine.State.Postgres;

/// <summary>A stack lock held as a session advisory lock on its own unpooled connection, with its holder in the <c>locks</c> table.</summary>
/// <remarks>
/// Taking it is one <c>pg_try_advisory_lock</c>, atomic in the server: of two processes exactly one wins and the other
/// fails at once, naming the holder. The lock belongs to the session, so when the holder's process dies (even by
/// <c>kill -9</c>) the server ends the session and the lock is free: no <c>stack unlock</c> after a crash. A holder row
/// counts only while its session still holds the advisory lock (checked in <c>pg_locks</c>), so a dead holder's row is
/// never reported.
/// </remarks>
internal sealed class PostgresStackLock : IStackLock
{
    private static readonly TimeSpan ReadPatience = TimeSpan.FromMilliseconds(500);

    private readonly PostgresDatabase _db;
    private readonly NpgsqlConnection _session;
    private readonly string _project;
    private int _released;

    private PostgresStackLock(PostgresDatabase db, NpgsqlConnection session, string project, string stack, StackLockInfo info)
    {
        _db = db;
        _session = session;
        _project = project;
        Stack = stack;
        Info = info;
    }

    public string Stack { get; }

    public StackLockInfo Info { get; }

    /// <exception cref="StackLockedException">Another session holds the lock; carries its holder.</exception>
    public static PostgresStackLock Acquire(PostgresDatabase db, string project, string stack, StackLockInfo info)
    {
        var session = db.OpenSession();
        try
        {
            using (var take = Command(db, session, "SELECT pg_try_advisory_lock(hashtextextended(@k, 0))", project, stack))
            {
                if (take.ExecuteScalar() is not true)
                {
                    session.Dispose();
                    var holder = ReadPatiently(db, project, stack);
                    throw new StackLockedException(stack, Where(db, project, stack), holder, holder is null
                        ? $"stack '{stack}' is locked by a session that has not named itself yet ({Where(db, project, stack)})"
                        : $"stack '{stack}' is locked: {holder}; it is released when that process ends, however it ends ({Where(db, project, stack)})");
                }
            }

            using (var record = Command(db, session,
                $"INSERT INTO {db.Schema}.locks (project, stack, holder, backend_pid) VALUES (@p, @s, @h, pg_backend_pid()) "
                + "ON CONFLICT (project, stack) DO UPDATE SET holder = excluded.holder, backend_pid = excluded.backend_pid", project, stack))
            {
                record.Parameters.Add(new NpgsqlParameter("h", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(info) });
                record.ExecuteNonQuery();
            }

            return new PostgresStackLock(db, session, project, stack, info);
        }
        catch (NpgsqlException ex)
        {
            session.Dispose();
            throw db.Failure(ex);
        }
    }

    /// <summary>The live holder of the stack's lock, or null when it is free.</summary>
    public static StackLockInfo? Holder(PostgresDatabase db, string project, string stack) => Live(db, project, stack)?.Info;

    /// <summary>
    /// A live holder is refused without <paramref name="force"/> (it releases the lock itself when it ends); with it, the
    /// holder's session is ended (<c>pg_terminate_backend</c>), which frees the lock. Returns the holder, or null when the lock was free.
    /// </summary>
    public static StackLockInfo? Break(PostgresDatabase db, string project, string stack, bool force)
    {
        if (Live(db, project, stack) is not { } live)
        {
            return null;
        }

        if (!force)
        {
            throw new StackLockedException(stack, Where(db, project, stack), live.Info,
                $"refusing to unlock stack '{stack}': it is held by a live session: {live.Info}; the lock is released when that process ends, "
                + $"however it ends; --force ends its database session ({Where(db, project, stack)})");
        }

        db.Run(c =>
        {
            // Waits (up to 5 s) until that session has ended, so its lock is free when this returns.
            using var end = new NpgsqlCommand("SELECT pg_terminate_backend(@pid, 5000)", c);
            end.Parameters.AddWithValue("pid", live.BackendPid);
            return end.ExecuteScalar();
        });
        return live.Info;
    }

    /// <summary>Releases the lock (removes its holder row, unlocks, closes the session); a session already ended (a forced break) just closes.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 1)
        {
            return;
        }

        try
        {
            using var release = Command(_db, _session,
                $"DELETE FROM {_db.Schema}.locks WHERE project = @p AND stack = @s AND backend_pid = pg_backend_pid(); "
                + "SELECT pg_advisory_unlock(hashtextextended(@k, 0))", _project, Stack);
            release.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // The session is gone (its lock with it): closing is all that is left.
        }
        finally
        {
            _session.Dispose();
        }
    }

    private static (StackLockInfo Info, int BackendPid)? Live(PostgresDatabase db, string project, string stack) => db.Run(c =>
    {
        using var read = Command(db, c,
            $"SELECT l.holder::text, l.backend_pid FROM {db.Schema}.locks l WHERE l.project = @p AND l.stack = @s AND EXISTS ("
            + "SELECT 1 FROM pg_locks k WHERE k.locktype = 'advisory' AND k.granted AND k.pid = l.backend_pid AND k.objsubid = 1 "
            + "AND k.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            + "AND ((k.classid::bigint << 32) | k.objid::bigint) = hashtextextended(@k, 0))", project, stack);
        using var reader = read.ExecuteReader();
        return reader.Read()
            ? (JsonSerializer.Deserialize<StackLockInfo>(reader.GetString(0))!, reader.GetInt32(1))
            : ((StackLockInfo, int)?)null;
    });

    // Between another session's lock and its holder row the row is briefly missing.
    private static StackLockInfo? ReadPatiently(PostgresDatabase db, string project, string stack)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (Holder(db, project, stack) is { } holder)
            {
                return holder;
            }

            if (waited.Elapsed > ReadPatience)
            {
                return null;
            }

            Thread.Sleep(10);
        }
    }

    private static string Where(PostgresDatabase db, string project, string stack) => $"{db.Location} lock {project}/{stack}";

    /// <summary>A command with the stack's parameters: <c>@p</c>, <c>@s</c>, and <c>@k</c> the advisory lock's key text (schema, project, stack).</summary>
    private static NpgsqlCommand Command(PostgresDatabase db, NpgsqlConnection connection, string sql, string project, string stack)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", project);
        command.Parameters.AddWithValue("s", stack);
        command.Parameters.AddWithValue("k", $"kubedos lock\u001f{db.Address.Schema}\u001f{project}\u001f{stack}");
        return command;
    }
}
