using System.Text;
using System.Text.Json;

namespace Kubedos.Providers.Ansible;

/// <summary>
/// Reads the <c>kubedos_events</c> callback's JSON lines as a run goes: the current task, per-host counts, what
/// changed, what failed (host, role, task, message) and the final recap.
/// </summary>
/// <param name="redact">Masks secrets in what the nodes send back (messages, diffs, status); identity when null.</param>
public sealed class PlaybookProgress(Func<string, string>? redact = null)
{
    private readonly Func<string, string> _redact = redact ?? (text => text);
    private readonly SortedDictionary<string, int[]> _counts = new(StringComparer.Ordinal);
    private readonly List<PlaybookChange> _changes = [];
    private readonly List<PlaybookFailure> _failures = [];
    private readonly List<string> _diffs = [];
    private readonly List<string> _unparsed = [];
    private string _task = string.Empty;

    private const int Ok = 0;
    private const int Changed = 1;
    private const int Failed = 2;

    /// <summary>Tasks that changed (or would change) a host, in order.</summary>
    public IReadOnlyList<PlaybookChange> Changes => _changes;

    /// <summary>Failed tasks (not those the play ignores) and unreachable hosts, in order.</summary>
    public IReadOnlyList<PlaybookFailure> Failures => _failures;

    /// <summary>The diffs <c>--diff</c> printed, each headed by host and task.</summary>
    public IReadOnlyList<string> Diffs => _diffs;

    /// <summary>The play recap per host; empty until the run ends.</summary>
    public IReadOnlyDictionary<string, HostRecap> Recap { get; private set; } = new Dictionary<string, HostRecap>(StringComparer.Ordinal);

    /// <summary>Lines that were not the callback's events (Ansible's own output, warnings).</summary>
    public IReadOnlyList<string> Unparsed => _unparsed;

    /// <summary>Takes one stdout line; returns the status to show when it moved the run on, else null.</summary>
    public string? Take(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        JsonElement e;
        try
        {
            using var document = JsonDocument.Parse(line);
            e = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            if (line.Trim().Length > 0)
            {
                _unparsed.Add(_redact(line));
            }

            return null;
        }

        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("event", out var kind))
        {
            _unparsed.Add(_redact(line));
            return null;
        }

        var host = Text(e, "host");
        var role = Text(e, "role");
        var task = Text(e, "task");
        switch (kind.GetString())
        {
            case "task":
                _task = role.Length == 0 ? task : $"{role} : {task}";
                return Status();
            case "ok":
                Count(host, Ok);
                return Status();
            case "changed":
                Count(host, Changed);
                _changes.Add(new PlaybookChange(host, role, task));
                return Status();
            case "failed" when e.TryGetProperty("ignored", out var ignored) && ignored.GetBoolean():
                Count(host, Ok);
                return Status();
            case "failed":
                Count(host, Failed);
                _failures.Add(new PlaybookFailure(host, role, task, _redact(Text(e, "msg"))));
                return Status();
            case "unreachable":
                Count(host, Failed);
                _failures.Add(new PlaybookFailure(host, role, task, _redact(Text(e, "msg")), Unreachable: true));
                return Status();
            case "diff":
                _diffs.Add($"{host}: {(role.Length == 0 ? string.Empty : role + " : ")}{task}\n{_redact(Text(e, "diff"))}");
                return null;
            case "stats":
                Recap = ReadRecap(e);
                return null;
            default:
                return null;
        }
    }

    /// <summary>The current task and every host's counts so far: <c>supervision : task | cp-1 ok=3 changed=1 failed=0, ...</c>.</summary>
    public string Status()
    {
        var text = new StringBuilder(_task);
        var first = true;
        foreach (var (host, counts) in _counts)
        {
            text.Append(first ? " | " : ", ").Append(host)
                .Append(" ok=").Append(counts[Ok]).Append(" changed=").Append(counts[Changed]).Append(" failed=").Append(counts[Failed]);
            first = false;
        }

        return _redact(text.ToString());
    }

    private void Count(string host, int which)
    {
        if (!_counts.TryGetValue(host, out var counts))
        {
            counts = new int[3];
            _counts[host] = counts;
        }

        counts[which]++;
    }

    private static Dictionary<string, HostRecap> ReadRecap(JsonElement e)
    {
        var recap = new Dictionary<string, HostRecap>(StringComparer.Ordinal);
        if (!e.TryGetProperty("hosts", out var hosts) || hosts.ValueKind != JsonValueKind.Object)
        {
            return recap;
        }

        foreach (var host in hosts.EnumerateObject())
        {
            int N(string name) => host.Value.TryGetProperty(name, out var v) && v.TryGetInt32(out var n) ? n : 0;
            recap[host.Name] = new HostRecap(N("ok"), N("changed"), N("failures"), N("unreachable"), N("skipped"));
        }

        return recap;
    }

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
}
