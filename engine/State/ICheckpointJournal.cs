namespace Kubedos.Engine.State;

/// <summary>An operation's durable record of changes: each append is on disk before it returns.</summary>
internal interface ICheckpointJournal : IAsyncDisposable
{
    /// <summary>The checkpoint as changed so far.</summary>
    CheckpointDraft Draft { get; }

    /// <summary>Bytes written to the state so far (journal lines and snapshots).</summary>
    long BytesWritten { get; }

    /// <summary>Applies <paramref name="ops"/> together and makes them durable.</summary>
    Task AppendAsync(IReadOnlyList<JournalOp> ops, CancellationToken cancellationToken);

    /// <summary>Writes the compacted checkpoint and retires the journal.</summary>
    Task<Checkpoint> CompleteAsync(CancellationToken cancellationToken);
}
