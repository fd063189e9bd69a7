using System.Text.Json;
using Kubedos.Pki;

namespace Kubedos.Enrollment.Audit;

/// <summary>
/// An append-only JSON-lines log where each entry carries the SHA-256 of the previous entry's exact
/// bytes (the first carries 64 zeros) and its sequence number: editing, dropping or reordering an
/// entry breaks the chain at a line <see cref="Verify"/> names.
/// </summary>
/// <remarks>
/// A chain cannot prove its own last entry: anyone may edit it, cut it off or append a well-formed entry.
/// Opened with a head key, the log keeps a signed head (<see cref="HeadPathOf"/>: entry count and last hash,
/// signed after every append), which <see cref="Verify"/> checks against a pinned key; or keep
/// <see cref="AuditVerification.HeadHash"/> elsewhere and pass it. A write never observes cancellation: a line
/// is written whole and flushed before the chain advances, and a failed write is cut back off the file.
/// </remarks>
public sealed class AuditLog
{
    /// <summary>The previous-hash of the first entry.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private readonly string _path;
    private readonly PrivateKeyMaterial? _headKey;
    private readonly IAuditFileWriter _writer;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _head;
    private long _sequence;
    private long _length;
    private bool _broken;

    private AuditLog(string path, string head, long sequence, long length, PrivateKeyMaterial? headKey, IAuditFileWriter writer, IReadOnlyList<string> recovered)
    {
        _path = path;
        _head = head;
        _sequence = sequence;
        _length = length;
        _headKey = headKey;
        _writer = writer;
        Recovered = recovered;
    }

    /// <summary>The file this log appends to.</summary>
    public string Path => _path;

    /// <summary>What <see cref="Open(string, PrivateKeyMaterial?, TimeProvider?)"/> repaired (each also recorded in the log); empty normally.</summary>
    public IReadOnlyList<string> Recovered { get; }

    /// <summary>The signed head beside the log at <paramref name="path"/>: <c>audit.head</c> for <c>audit.log</c>.</summary>
    public static string HeadPathOf(string path) => System.IO.Path.ChangeExtension(path, ".head");

    /// <summary>
    /// Opens (or starts) the log at <paramref name="path"/>; an existing log must verify. With <paramref name="headKey"/>
    /// (the cluster intermediate's key) it keeps the signed head, and an existing head must match the log.
    /// </summary>
    /// <remarks>
    /// A torn final line (no newline: a write a crash cut short) is cut off, and that is recorded as an entry; so is
    /// a head one entry behind (a crash between the append and the head's update) or missing. Anything else that does
    /// not verify is tampering, and the log refuses to open.
    /// </remarks>
    /// <exception cref="InvalidDataException">The existing log or its head is broken: appending would hide that.</exception>
    public static AuditLog Open(string path, PrivateKeyMaterial? headKey = null, TimeProvider? time = null) =>
        Open(path, headKey, time ?? TimeProvider.System, DurableAuditFileWriter.Instance);

    internal static AuditLog Open(string path, PrivateKeyMaterial? headKey, TimeProvider time, IAuditFileWriter writer)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var data = File.Exists(path) ? File.ReadAllBytes(path) : [];
        var now = time.GetUtcNow();
        var recoveries = new List<AuditRecord>();
        var warnings = new List<string>();
        var walk = Walk(data);
        if (walk.TornAt >= 0)
        {
            var torn = data.AsSpan(walk.TornAt);
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read))
            {
                file.SetLength(walk.TornAt);
                file.Flush(flushToDisk: true);
            }

            warnings.Add($"{path}:{walk.Entries + 1}: cut off a torn final line of {torn.Length} bytes (no newline: a write cut short by a crash)");
            recoveries.Add(new AuditRecord(now, "audit", string.Empty, "recover", "torn-tail-truncated", new Dictionary<string, string>
            {
                ["line"] = (walk.Entries + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["bytes"] = torn.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["sha256"] = Hash(torn),
            }));
            data = data[..walk.TornAt];
            walk = Walk(data);
        }

        if (walk.Problem is not null)
        {
            throw new InvalidDataException($"{path}:{walk.BadLine}: {walk.Problem}; refusing to append to an audit log that does not verify");
        }

        if (headKey is not null)
        {
            var headPath = HeadPathOf(path);
            var head = AuditHead.Read(headPath);
            if (head is null)
            {
                if (walk.Entries > 0)
                {
                    warnings.Add($"{headPath}: missing; {walk.Entries} entries anchored from now on");
                    recoveries.Add(Anchoring(now, "head-missing", walk.Entries));
                }
            }
            else if (head.Problem(headKey.Pin) is { } problem)
            {
                throw new InvalidDataException($"{headPath}: {problem}; refusing to append to an audit log whose head does not verify");
            }
            else if (head.Entries == walk.Entries - 1 && string.Equals(head.Head, walk.BeforeHead, StringComparison.OrdinalIgnoreCase))
            {
                warnings.Add($"{headPath}: one entry behind the log (a crash between the append and the head's update); line {walk.Entries} anchored now");
                recoveries.Add(Anchoring(now, "head-behind", walk.Entries));
            }
            else if (head.Entries != walk.Entries || !string.Equals(head.Head, walk.Head, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException(
                    $"{path}: the log holds {walk.Entries} entries ending at {walk.Head}, but its signed head {headPath} records {head.Entries} ending at {head.Head}: " +
                    "entries were removed, changed or appended; refusing to append");
            }
        }

        var log = new AuditLog(path, walk.Head, walk.Entries, data.Length, headKey, writer, warnings);
        foreach (var recovery in recoveries)
        {
            log.AppendLocked(recovery);
        }

        if (headKey is not null && recoveries.Count == 0)
        {
            if (!File.Exists(path))
            {
                File.WriteAllBytes(path, []);
            }

            log.WriteHead();
        }

        return log;
    }

    /// <summary>Appends one record, flushed to disk before returning.</summary>
    /// <remarks>
    /// <paramref name="cancellationToken"/> only stops the wait for the log; once writing starts the line is written whole
    /// (or, when the write fails, cut back off) whatever happens to the request that asked.
    /// </remarks>
    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            AppendLocked(record);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void AppendLocked(AuditRecord record)
    {
        if (_broken)
        {
            throw new IOException($"{_path}: a failed write could not be cut back off; the log takes no entry until it is opened again (which recovers it)");
        }

        var line = Serialize(_sequence + 1, _head, record);
        var bytes = new byte[line.Length + 1];
        line.CopyTo(bytes, 0);
        bytes[^1] = (byte)'\n';
        using (var file = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read))
        {
            if (file.Length != _length)
            {
                throw new IOException($"{_path} is {file.Length} bytes, not the {_length} this log wrote: something else changed it; refusing to append");
            }

            file.Position = _length;
            try
            {
                _writer.Write(file, bytes);
            }
            catch
            {
                // The chain has not advanced: take the partial line back off, or the next entry would follow garbage.
                try
                {
                    file.SetLength(_length);
                    file.Flush(flushToDisk: true);
                }
                catch (IOException)
                {
                    _broken = true;
                }

                throw;
            }
        }

        _length += bytes.Length;
        _sequence++;
        _head = Hash(line);
        if (_headKey is not null)
        {
            WriteHead();
        }
    }

    private void WriteHead() => AuditHead.Sign(_sequence, _head, _headKey!).Write(HeadPathOf(_path));

    private static AuditRecord Anchoring(DateTimeOffset now, string reason, long entries) =>
        new(now, "audit", string.Empty, "recover", reason, new Dictionary<string, string>
        {
            ["anchoredThrough"] = entries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    /// <summary>Reads every entry back (in order; none when there is no file yet); the log should be verified first.</summary>
    public static IReadOnlyList<AuditRecord> Read(string path)
    {
        var records = new List<AuditRecord>();
        if (!File.Exists(path))
        {
            return records;
        }

        foreach (var line in File.ReadAllLines(path).Where(l => l.Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            records.Add(RecordOf(doc.RootElement));
        }

        return records;
    }

    /// <summary>
    /// Checks the chain and every line's form; <paramref name="expectedHead"/> (a head hash kept elsewhere) and
    /// <paramref name="caPin"/> (the pin of the key that signs <see cref="HeadPathOf"/>) anchor the tail: without
    /// either the result is valid but not <see cref="AuditVerification.IsAnchored"/>, and an empty log is not valid.
    /// </summary>
    public static AuditVerification Verify(string path, string? expectedHead = null, string? caPin = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var walk = Walk(File.ReadAllBytes(path));
        if (walk.Problem is not null)
        {
            return Bad(walk.Entries, walk.BadLine, walk.Problem, walk.Head);
        }

        var entries = walk.Entries;
        string? anchor = null;
        if (expectedHead is not null)
        {
            if (!string.Equals(expectedHead, walk.Head, StringComparison.OrdinalIgnoreCase))
            {
                return Bad(entries, entries,
                    $"the last entry's hash {walk.Head} is not the recorded head {expectedHead}: the last entry was changed, entries were removed from the end or appended, or the log was replaced",
                    walk.Head);
            }

            anchor = "the head hash given";
        }

        if (caPin is not null)
        {
            var headPath = HeadPathOf(path);
            AuditHead? head;
            try
            {
                head = AuditHead.Read(headPath);
            }
            catch (InvalidDataException e)
            {
                return Bad(entries, entries, e.Message, walk.Head);
            }

            if (head is null)
            {
                return Bad(entries, entries, $"no signed head {headPath}: the last entry cannot be proven", walk.Head);
            }

            if (head.Problem(caPin) is { } problem)
            {
                return Bad(entries, entries, $"{headPath}: {problem}", walk.Head);
            }

            if (head.Entries > entries)
            {
                return Bad(entries, entries, $"the signed head records {head.Entries} entries, the log holds {entries}: entries were removed from the end", walk.Head);
            }

            if (head.Entries < entries)
            {
                return Bad(entries, (int)head.Entries + 1, $"line {head.Entries + 1} and after were appended after the last signed head ({head.Entries} entries)", walk.Head);
            }

            if (!string.Equals(head.Head, walk.Head, StringComparison.OrdinalIgnoreCase))
            {
                return Bad(entries, entries, $"line {entries} was changed after it was signed: its SHA-256 is {walk.Head}, the signed head records {head.Head}", walk.Head);
            }

            anchor = $"the head signed by {head.SignerPin}";
        }

        if (entries == 0 && anchor is null)
        {
            return Bad(0, 1, "the log holds no entries: an empty file proves nothing (it may have been emptied); anchor it to show it was empty", walk.Head);
        }

        return new AuditVerification(true, entries, null, null, walk.Head, anchor);
    }

    private static AuditVerification Bad(int entries, int line, string problem, string head) =>
        new(false, entries, Math.Max(1, line), problem, head);

    // Entries and Head cover the lines before any problem; BeforeHead is the hash of the entry before the last;
    // TornAt is the offset of an unterminated final line that follows intact entries (-1 when there is none).
    private readonly record struct ChainWalk(int Entries, string Head, string BeforeHead, int BadLine, string? Problem, int TornAt);

    private static ChainWalk Walk(byte[] data)
    {
        var previous = GenesisHash;
        var beforePrevious = GenesisHash;
        var lineNumber = 0;
        var start = 0;
        while (start < data.Length)
        {
            lineNumber++;
            var end = Array.IndexOf(data, (byte)'\n', start);
            if (end < 0)
            {
                return new ChainWalk(lineNumber - 1, previous, beforePrevious, lineNumber,
                    "the last line is incomplete (no newline): the write was cut short or the file was edited", start);
            }

            var line = data.AsSpan(start, end - start);
            var problem = CheckLine(line, lineNumber, previous, out var previousEdited);
            if (problem is not null)
            {
                // A line whose own fields hold but whose predecessor's hash no longer matches means the predecessor changed.
                return new ChainWalk(lineNumber - 1, previous, beforePrevious, previousEdited ? lineNumber - 1 : lineNumber, problem, -1);
            }

            beforePrevious = previous;
            previous = Hash(line);
            start = end + 1;
        }

        return new ChainWalk(lineNumber, previous, beforePrevious, 0, null, -1);
    }

    private static string? CheckLine(ReadOnlySpan<byte> line, int lineNumber, string previous, out bool previousEdited)
    {
        previousEdited = false;
        long sequence;
        string? prev;
        AuditRecord record;
        try
        {
            var reader = new Utf8JsonReader(line);
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            sequence = root.GetProperty("seq").GetInt64();
            prev = root.GetProperty("prev").GetString();
            record = RecordOf(root);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return $"line {lineNumber} is not an audit entry: {e.Message}";
        }

        if (sequence != lineNumber)
        {
            return sequence > lineNumber
                ? $"line {lineNumber} holds entry {sequence}: an entry before it was removed or the entries were reordered"
                : $"line {lineNumber} holds entry {sequence}: entries were reordered or duplicated";
        }

        if (!string.Equals(prev, previous, StringComparison.Ordinal))
        {
            previousEdited = lineNumber > 1;
            return lineNumber > 1
                ? $"line {lineNumber - 1} was changed: its SHA-256 is {previous}, but line {lineNumber} recorded {prev}"
                : $"line 1 must carry the genesis hash, not {prev}";
        }

        // The log writes one form only (field order, escaping, spacing): any other bytes were not written by it.
        if (!line.SequenceEqual(Serialize(sequence, prev!, record)))
        {
            return $"line {lineNumber} is not in the form the log writes (keys reordered, whitespace or escaping changed, or a field added): it was edited";
        }

        return null;
    }

    private static AuditRecord RecordOf(JsonElement root)
    {
        var details = root.TryGetProperty("details", out var d)
            ? d.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal)
            : [];
        return new AuditRecord(
            root.GetProperty("time").GetDateTimeOffset(),
            root.GetProperty("event").GetString()!,
            root.GetProperty("node").GetString()!,
            root.GetProperty("decision").GetString()!,
            root.GetProperty("reason").GetString()!,
            details);
    }

    private static byte[] Serialize(long sequence, string previous, AuditRecord record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            // A fixed field order: the bytes are what the chain hashes.
            writer.WriteStartObject();
            writer.WriteNumber("seq", sequence);
            writer.WriteString("prev", previous);
            writer.WriteString("time", record.Time.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("event", record.Event);
            writer.WriteString("node", record.Node);
            writer.WriteString("decision", record.Decision);
            writer.WriteString("reason", record.Reason);
            writer.WriteStartObject("details");
            foreach (var (key, value) in record.Details.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string Hash(ReadOnlySpan<byte> line) => Sha256Hex.Of(line);
}
