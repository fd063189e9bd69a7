namespace Kubedos.Engine.State.Postgres;

/// <summary>An operation's journal as rows: each batch of steps one INSERT, durable at its commit; the final snapshot replaces the rows in one transaction.</summary>
internal sealed class PostgresJournalMedium(PostgresCheckpointStore store, string project, string stack, CheckpointJson json, long version) : IJournalMedium
{
    private long _version = version;

    public void Append(IReadOnlyList<byte[]> lines) => store.AppendJournal(project, stack, lines);

    public long Complete(Checkpoint checkpoint)
    {
        var snapshot = json.SerializeStackFile(stack, checkpoint);
        _version = store.CompleteJournal(project, stack, snapshot, _version);
        return snapshot.Length;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
