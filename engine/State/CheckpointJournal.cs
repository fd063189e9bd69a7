namespace Kubedos.Engine.State;

/// <summary>An operation's journal on any backend: each append is durable before it returns, concurrent appends share one write (group commit).</summary>
/// <remarks>
/// Concurrent steps share a write (an fsync, a round-trip) instead of queueing for one each; every
/// caller still returns only once its own line is durable. Memory is updated after the write, so it
/// never runs ahead of the state. Replaying a journal over the snapshot it was folded into is
/// harmless because its operations are keyed and idempotent.
/// </remarks>
internal sealed class CheckpointJournal : ICheckpointJournal
{
    private readonly IJournalMedium _medium;
    private readonly CheckpointJson _json;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<PendingAppend> _queue = [];
    private readonly TimeProvider _time;
    private readonly Checkpoint _basis;
    private bool _writing;
    private long _sequence;
    private long _bytes;

    public CheckpointJournal(IJournalMedium medium, CheckpointJson json, Checkpoint basis, TimeProvider time)
    {
        _medium = medium;
        _json = json;
        _time = time;
        _basis = basis;
        Draft = new CheckpointDraft(basis);
    }

    public CheckpointDraft Draft { get; }

    public long BytesWritten => Interlocked.Read(ref _bytes);

    public async Task AppendAsync(IReadOnlyList<JournalOp> ops, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(JournalLines.Serialize(_json, ops, Interlocked.Increment(ref _sequence)), ops);
        bool writer;
        lock (_queue)
        {
            // When another caller is writing, it takes this line into its next batch.
            _queue.Add(pending);
            writer = !_writing;
            _writing = true;
        }

        if (writer)
        {
            await WriteBatchesAsync();
        }

        await pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Writes queued lines in batches, one durable write per batch, until the queue is empty.</summary>
    private async Task WriteBatchesAsync()
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            while (true)
            {
                List<PendingAppend> batch;
                lock (_queue)
                {
                    if (_queue.Count == 0)
                    {
                        _writing = false;
                        return;
                    }

                    batch = [.. _queue];
                    _queue.Clear();
                }

                try
                {
                    _medium.Append([.. batch.Select(b => b.Line)]);
                    foreach (var item in batch)
                    {
                        Interlocked.Add(ref _bytes, item.Line.Length);
                        foreach (var op in item.Ops)
                        {
                            Draft.Apply(op);
                        }

                        item.Done.TrySetResult();
                    }
                }
                catch (Exception ex)
                {
                    foreach (var item in batch)
                    {
                        item.Done.TrySetException(ex);
                    }
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<Checkpoint> CompleteAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var checkpoint = Draft.ToCheckpoint(_time.GetUtcNow());
            if (Interlocked.Read(ref _bytes) == 0 && Equals(Draft.SecretsProviders?.Type, _basis.SecretsProviders?.Type)
                && Draft.SecretsProviders?.State?.ToJsonString() == _basis.SecretsProviders?.State?.ToJsonString())
            {
                // Nothing changed: the stored snapshot is already this checkpoint.
                return _basis;
            }

            Interlocked.Add(ref _bytes, _medium.Complete(checkpoint));
            return checkpoint;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _medium.DisposeAsync();
        _gate.Dispose();
    }

    private sealed record PendingAppend(byte[] Line, IReadOnlyList<JournalOp> Ops)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
