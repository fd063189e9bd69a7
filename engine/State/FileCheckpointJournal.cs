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
    private readonly TimeProvider _time;
    private long _sequence;
    private long _bytes;

    public FileCheckpointJournal(FileCheckpointStore store, string project, string stack, string path, CheckpointJson json, Checkpoint basis, TimeProvider time)
    {
        _store = store;
        _project = project;
        _stack = stack;
        _json = json;
        _time = time;
        Draft = new CheckpointDraft(basis);
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
    }

    public CheckpointDraft Draft { get; }

    public long BytesWritten => Interlocked.Read(ref _bytes);

    public async Task AppendAsync(IReadOnlyList<JournalOp> ops, CancellationToken cancellationToken)
    {
        var line = Serialize(ops, Interlocked.Increment(ref _sequence));
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Apply in memory only once the line is durable, so memory never runs ahead of disk.
            _stream.Write(line);
            _stream.Flush(flushToDisk: true);
            Interlocked.Add(ref _bytes, line.Length);
            foreach (var op in ops)
            {
                Draft.Apply(op);
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
            var written = _store.WriteSnapshot(_project, _stack, checkpoint, _json);
            Interlocked.Add(ref _bytes, written);
            _stream.SetLength(0);
            _stream.Flush(flushToDisk: true);
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
            File.Delete(_stream.Name);
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
                "remove" => JournalOp.Remove(Model.Urn.Parse(e.GetProperty("urn").GetString()!), e.GetProperty("delete").GetBoolean()),
                "begin" => JournalOp.Begin(json.ReadResource(e.GetProperty("resource")), CheckpointJson.ParseKind(e.GetProperty("type").GetString()!)),
                "end" => JournalOp.End(Model.Urn.Parse(e.GetProperty("urn").GetString()!), CheckpointJson.ParseKind(e.GetProperty("type").GetString()!)),
                _ => throw new FormatException($"unknown journal operation '{kind}'"),
            });
        }

        return ops;
    }
}
