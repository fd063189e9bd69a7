namespace Kubedos.Engine.State;

/// <summary>A journal that only keeps the draft in memory: what a dry run's refresh finds, seen by the preview that follows it and written nowhere.</summary>
internal sealed class DraftJournal(Checkpoint basis) : ICheckpointJournal
{
    public CheckpointDraft Draft { get; } = new(basis);

    public long BytesWritten => 0;

    public Task AppendAsync(IReadOnlyList<JournalOp> ops, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ops);
        foreach (var op in ops)
        {
            Draft.Apply(op);
        }

        return Task.CompletedTask;
    }

    public Task<Checkpoint> CompleteAsync(CancellationToken cancellationToken) => Task.FromResult(Draft.ToCheckpoint(basis.Manifest.Time));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
