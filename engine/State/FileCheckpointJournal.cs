using System.Buffers;
using System.Text.Json;

namespace Kubedos.Engine.State;

/// <summary>An append-only journal of JSON lines next to the stack file, fsync'd per append: O(change) per step.</summary>
/// <remarks>
/// A crash mid-append leaves at most a torn last line, which replay ignores; every earlier line
/// is durable. <see cref="CompleteAsync"/> folds the journal into the stack file (temp, fsync,
/// rename) and then deletes it; replaying a journal over the snapshot it was folded into is
/// harmless because its operations are keyed and idempotent.
/// </remarks>
internal sealed class FileCheckpointJournal : ICheckpointJournal
{
    private readonly FileCheckpointStore _store;
    private readonly string _project;
    private readonly string _stack;
    private readonly CheckpointJson _json;
    private readonly FileStream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<PendingAppend> _queue = [];
    private bool _writing;
    private readonly TimeProvider _time;
    private long _sequence;
    private long _bytes;
    private readonly Checkpoint _basis;

    public FileCheckpointJournal(FileCheckpointStore store, string project, string stack, string path, CheckpointJson json, Checkpoint basis, TimeProvider time)
    {
        _store = store;
        _project = project;
        _stack = stack;
        _json = json;
        _time = time;
        Draft = new CheckpointDraft(basis);
        _basis = basis;
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.None);

        // A journal just created is durable (its fsync'd lines findable after a power cut) only once its directory is.
        store.Files.FsyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    public CheckpointDraft Draft { get; }

    public long BytesWritten => Interlocked.Read(ref _bytes);

    public async Task AppendAsync(IReadOnlyList<JournalOp> ops, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(Serialize(ops, Interlocked.Increment(ref _sequence)), ops);
        bool writer;
        lock (_queue)
        {
            // When another caller is writing, it takes this line into its next batch (group commit).
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

    /// <summary>Writes queued lines in batches, one fsync per batch, until the queue is empty.</summary>
    /// <remarks>
    /// Concurrent steps share an fsync instead of queueing for one each; every caller still
    /// returns only once its own line is on disk. Memory is updated after the fsync, so it never
    /// runs ahead of the disk.
    /// </remarks>
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
                    foreach (var item in batch)
                    {
                        _stream.Write(item.Line);
                    }

                    _stream.Flush(flushToDisk: true);
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
                // Nothing changed: the stack file on disk is already this checkpoint.
                return _basis;
            }

            // WriteSnapshot returns once the rename is durable (directory fsync'd): truncating the journal
            // before that could let a power cut keep the truncation and lose the rename, and with it the update.
            var written = _store.WriteSnapshot(_project, _stack, checkpoint, _json);
            Interlocked.Add(ref _bytes, written);
            _store.Files.Truncate(_stream);
            return checkpoint;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        var empty = _stream.Length == 0;
        await _stream.DisposeAsync();
        _gate.Dispose();
        if (empty)
        {
            _store.Files.Delete(_stream.Name);
        }
    }

    private byte[] Serialize(IReadOnlyList<JournalOp> ops, long sequence)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("seq", sequence);
            w.WriteStartArray("ops");
            foreach (var op in ops)
            {
                w.WriteStartObject();
                switch (op.Kind)
                {
                    case JournalOpKind.Put:
                        w.WriteString("op", "put");
                        w.WritePropertyName("resource");
                        _json.WriteResource(w, op.Resource!);
                        break;
                    case JournalOpKind.Remove:
                        w.WriteString("op", "remove");
                        w.WriteString("urn", op.Urn.Value);
                        w.WriteBoolean("delete", op.Delete);
                        if (op.Id is not null)
                        {
                            w.WriteString("id", op.Id);
                        }

                        break;
                    case JournalOpKind.Begin:
                        w.WriteString("op", "begin");
                        w.WriteString("type", CheckpointJson.KindName(op.Pending));
                        w.WritePropertyName("resource");
                        _json.WriteResource(w, op.Resource!);
                        break;
                    case JournalOpKind.End:
                        w.WriteString("op", "end");
                        w.WriteString("type", CheckpointJson.KindName(op.Pending));
                        w.WriteString("urn", op.Urn.Value);
                        break;
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private sealed record PendingAppend(byte[] Line, IReadOnlyList<JournalOp> Ops)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Replays a journal's lines onto <paramref name="draft"/>; a torn last line is ignored, a bad earlier line is an error.</summary>
    internal static int Replay(string path, CheckpointDraft draft, CheckpointJson json)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        var lines = File.ReadAllLines(path);
        var applied = 0;
        for (var n = 0; n < lines.Length; n++)
        {
            if (lines[n].Length == 0)
            {
                continue;
            }

            List<JournalOp> ops;
            try
            {
                ops = Parse(lines[n], json);
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
            {
                if (n == lines.Length - 1)
                {
                    break;
                }

                throw new StateException($"{path}:{n + 1}: the journal line is damaged: {ex.Message}", ex);
            }

            foreach (var op in ops)
            {
                draft.Apply(op);
            }

            applied++;
        }

        return applied;
    }

    private static List<JournalOp> Parse(string line, CheckpointJson json)
    {
        using var doc = JsonDocument.Parse(line);
        var ops = new List<JournalOp>();
        foreach (var e in doc.RootElement.GetProperty("ops").EnumerateArray())
        {
            var kind = e.GetProperty("op").GetString();
            ops.Add(kind switch
            {
                "put" => JournalOp.Put(json.ReadResource(e.GetProperty("resource"))),
                "remove" => JournalOp.Remove(
                    Model.Urn.Parse(e.GetProperty("urn").GetString()!),
                    e.GetProperty("delete").GetBoolean(),
                    e.TryGetProperty("id", out var id) ? id.GetString() : null),
                "begin" => JournalOp.Begin(json.ReadResource(e.GetProperty("resource")), CheckpointJson.ParseKind(e.GetProperty("type").GetString()!)),
                "end" => JournalOp.End(Model.Urn.Parse(e.GetProperty("urn").GetString()!), CheckpointJson.ParseKind(e.GetProperty("type").GetString()!)),
                _ => throw new FormatException($"unknown journal operation '{kind}'"),
            });
        }

        return ops;
    }
}
