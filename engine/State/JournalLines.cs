using System.Buffers;
using System.Text.Json;

namespace Kubedos.Engine.State;

/// <summary>A journal entry as one JSON line (<c>{seq, ops: [...]}</c>), the same on every backend; secrets sealed by the <see cref="CheckpointJson"/>.</summary>
internal static class JournalLines
{
    /// <summary>The line for <paramref name="ops"/>, ending in a newline.</summary>
    public static byte[] Serialize(CheckpointJson json, IReadOnlyList<JournalOp> ops, long sequence)
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
                        json.WriteResource(w, op.Resource!);
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
                        json.WriteResource(w, op.Resource!);
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

    /// <summary>The operations of one line.</summary>
    /// <exception cref="JsonException">The line is not a journal entry (also <see cref="KeyNotFoundException"/>, <see cref="FormatException"/>, <see cref="InvalidOperationException"/>).</exception>
    public static List<JournalOp> Parse(ReadOnlyMemory<byte> line, CheckpointJson json)
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

    /// <summary>Whether <paramref name="ex"/> says a line could not be read as a journal entry.</summary>
    public static bool IsDamage(Exception ex) => ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException;

    /// <summary>Applies every line to <paramref name="draft"/> in order; a damaged entry is an error naming where it is stored.</summary>
    public static void Replay(IEnumerable<(string Where, ReadOnlyMemory<byte> Line)> lines, CheckpointDraft draft, CheckpointJson json)
    {
        foreach (var (where, line) in lines)
        {
            List<JournalOp> ops;
            try
            {
                ops = Parse(line, json);
            }
            catch (Exception ex) when (IsDamage(ex))
            {
                throw new StateException($"{where}: the journal entry is damaged: {ex.Message}", ex);
            }

            foreach (var op in ops)
            {
                draft.Apply(op);
            }
        }
    }
}
