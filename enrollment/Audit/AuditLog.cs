using System.Security.Cryptography;
using System.Text.Json;

namespace Kubedos.Enrollment.Audit;

/// <summary>
/// An append-only JSON-lines log where each entry carries the SHA-256 of the previous entry's exact
/// bytes (the first carries 64 zeros) and its sequence number: editing, dropping or reordering an
/// entry breaks the chain at a line <see cref="Verify"/> names.
/// </summary>
/// <remarks>
/// A chain cannot reveal that its newest entries were cut off; keep <see cref="AuditVerification.HeadHash"/>
/// somewhere else (state, a ticket) and pass it to <see cref="Verify"/> to detect that as well.
/// </remarks>
public sealed class AuditLog
{
    /// <summary>The previous-hash of the first entry.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private readonly string _path;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _head;
    private long _sequence;

    private AuditLog(string path, string head, long sequence)
    {
        _path = path;
        _head = head;
        _sequence = sequence;
    }

    /// <summary>The file this log appends to.</summary>
    public string Path => _path;

    /// <summary>Opens (or starts) the log at <paramref name="path"/>; an existing log must verify.</summary>
    /// <exception cref="InvalidDataException">The existing log is broken: appending to it would hide that.</exception>
    public static AuditLog Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path) || new FileInfo(path).Length == 0)
        {
            return new AuditLog(path, GenesisHash, 0);
        }

        var verification = Verify(path);
        if (!verification.IsValid)
        {
            throw new InvalidDataException($"{path}:{verification.FirstBadLine}: {verification.Problem}");
        }

        return new AuditLog(path, verification.HeadHash, verification.Entries);
    }

    /// <summary>Appends one record, flushed to disk before returning.</summary>
    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var line = Serialize(_sequence + 1, _head, record);
            var bytes = new byte[line.Length + 1];
            line.CopyTo(bytes, 0);
            bytes[^1] = (byte)'\n';
            await using (var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }

            _sequence++;
            _head = Hash(line);
        }
        finally
        {
            _gate.Release();
        }
    }

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
            var root = doc.RootElement;
            var details = root.TryGetProperty("details", out var d)
                ? d.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal)
                : [];
            records.Add(new AuditRecord(
                root.GetProperty("time").GetDateTimeOffset(),
                root.GetProperty("event").GetString()!,
                root.GetProperty("node").GetString()!,
                root.GetProperty("decision").GetString()!,
                root.GetProperty("reason").GetString()!,
                details));
        }

        return records;
    }

    /// <summary>Checks the chain; <paramref name="expectedHead"/> (when given) must equal the last line's hash.</summary>
    public static AuditVerification Verify(string path, string? expectedHead = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var data = File.ReadAllBytes(path);
        var previous = GenesisHash;
        var lineNumber = 0;
        var start = 0;
        while (start < data.Length)
        {
            lineNumber++;
            var end = Array.IndexOf(data, (byte)'\n', start);
            if (end < 0)
            {
                return Bad(lineNumber - 1, lineNumber, "the last line is incomplete (no newline): the write was cut short or the file was edited", previous);
            }

            var line = data.AsSpan(start, end - start);
            var problem = CheckLine(line, lineNumber, previous, out var previousEdited);
            if (problem is not null)
            {
                // A line whose own fields hold but whose predecessor's hash no longer matches means the predecessor changed.
                var badLine = previousEdited ? lineNumber - 1 : lineNumber;
                return Bad(lineNumber - 1, badLine, problem, previous);
            }

            previous = Hash(line);
            start = end + 1;
        }

        if (expectedHead is not null && !string.Equals(expectedHead, previous, StringComparison.OrdinalIgnoreCase))
        {
            return Bad(lineNumber, lineNumber, $"the last entry's hash {previous} is not the recorded head {expectedHead}: entries were removed from the end or the log was replaced", previous);
        }

        return new AuditVerification(true, lineNumber, null, null, previous);
    }

    private static AuditVerification Bad(int entries, int line, string problem, string head) =>
        new(false, entries, Math.Max(1, line), problem, head);

    private static string? CheckLine(ReadOnlySpan<byte> line, int lineNumber, string previous, out bool previousEdited)
    {
        previousEdited = false;
        long sequence;
        string? prev;
        try
        {
            var reader = new Utf8JsonReader(line);
            using var doc = JsonDocument.ParseValue(ref reader);
            sequence = doc.RootElement.GetProperty("seq").GetInt64();
            prev = doc.RootElement.GetProperty("prev").GetString();
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

        return null;
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

    private static string Hash(ReadOnlySpan<byte> line) => Convert.ToHexStringLower(SHA256.HashData(line));
}
