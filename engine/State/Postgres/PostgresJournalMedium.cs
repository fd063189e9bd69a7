using Npgsql;

namespace Kubedos.Engine.State.Postgres;

/// <summary>An operation's journal as rows: each batch of steps one prepared INSERT on the journal's own connection, durable at its commit; the final snapshot replaces the rows in one transaction.</summary>
internal sealed class PostgresJournalMedium : IJournalMedium
{
    private readonly PostgresCheckpointStore _store;
    private readonly string _stack;
    private readonly string _project;
    private readonly CheckpointJson _json;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _append;
    private long _version;

    private PostgresJournalMedium(PostgresCheckpointStore store, string project, string stack, CheckpointJson json, long version, NpgsqlConnection connection, NpgsqlCommand append)
    {
        _store = store;
        _project = project;
        _stack = stack;
        _json = json;
        _version = version;
        _connection = connection;
        _append = append;
    }

    /// <summary>Opens the journal of a stack whose snapshot is at <paramref name="version"/>.</summary>
    public static PostgresJournalMedium Open(PostgresCheckpointStore store, string project, string stack, CheckpointJson json, long version)
    {
        var connection = store.OpenJournalConnection();
        try
        {
            return new PostgresJournalMedium(store, project, stack, json, version, connection, store.PrepareAppend(connection, project, stack));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Append(IReadOnlyList<byte[]> lines)
    {
        _append.Parameters["e"].Value = lines.ToArray();
        _store.Database.Guard(_append.ExecuteNonQuery);
    }

    public long Complete(Checkpoint checkpoint)
    {
        var snapshot = _json.SerializeStackFile(_stack, checkpoint);
        _version = _store.CompleteJournal(_connection, _project, _stack, snapshot, _version);
        return snapshot.Length;
    }

    public async ValueTask DisposeAsync()
    {
        await _append.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
