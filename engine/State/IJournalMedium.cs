namespace Kubedos.Engine.State;

/// <summary>Where a backend keeps an operation's journal and its final snapshot; <see cref="CheckpointJournal"/> batches and orders the calls.</summary>
internal interface IJournalMedium : IAsyncDisposable
{
    /// <summary>Appends <paramref name="lines"/> (in order) and returns once they are durable.</summary>
    void Append(IReadOnlyList<byte[]> lines);

    /// <summary>Publishes <paramref name="checkpoint"/> as the stack's snapshot and retires the journal, in that order; returns the bytes written.</summary>
    long Complete(Checkpoint checkpoint);
}
