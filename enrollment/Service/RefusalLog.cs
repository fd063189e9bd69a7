using Kubedos.Enrollment.Audit;

namespace Kubedos.Enrollment.Service;

/// <summary>
/// Writes refusals to the audit log without letting a flood grow it without bound: per event, source and reason the
/// first refusal in each window is written in full; the rest are counted and written as one entry ("N refusals from S
/// for R since T") when the window closes. Admissions and revocations do not pass through here: each is written.
/// </summary>
internal sealed class RefusalLog : IDisposable
{
    /// <summary>How many (event, source, reason) windows are tracked; refusals beyond share one window per event and reason.</summary>
    public const int MaxWindows = 4096;

    /// <summary>The source that refusals share once <see cref="MaxWindows"/> are open.</summary>
    public const string OtherSources = "other-sources";

    private readonly AuditLog _audit;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Event, string Source, string Reason), Window> _windows = [];
    private readonly ITimer _timer;

    public RefusalLog(AuditLog audit, TimeSpan window, TimeProvider time)
    {
        _audit = audit;
        _time = time;
        _window = window;
        _timer = time.CreateTimer(_ => FlushOnTimer(), null, window, window);
    }

    /// <summary>Writes <paramref name="refusal"/>, or counts it when its source already had one of its kind logged in this window.</summary>
    public async Task RecordAsync(AuditRecord refusal, string source)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var write = new List<AuditRecord>();
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            write.AddRange(CloseWindows(now, all: false));
            var key = (refusal.Event, source, refusal.Reason);
            if (!_windows.ContainsKey(key) && _windows.Count >= MaxWindows)
            {
                key = (refusal.Event, OtherSources, refusal.Reason);
            }

            if (_windows.TryGetValue(key, out var open))
            {
                open.Repeated++;
            }
            else
            {
                _windows[key] = new Window(now);
                write.Add(refusal);
            }
        }

        foreach (var record in write)
        {
            await _audit.AppendAsync(record, CancellationToken.None);
        }
    }

    /// <summary>Writes the count of every open window (the service is stopping).</summary>
    public void Flush(bool all)
    {
        List<AuditRecord> write;
        lock (_lock)
        {
            write = CloseWindows(_time.GetUtcNow(), all);
        }

        foreach (var record in write)
        {
            _audit.AppendAsync(record, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    public void Dispose() => _timer.Dispose();

    private void FlushOnTimer()
    {
        try
        {
            Flush(all: false);
        }
        catch (IOException)
        {
            // The log could not be written; the next request's append fails and reports it, not a timer thread.
        }
    }

    private List<AuditRecord> CloseWindows(DateTimeOffset now, bool all)
    {
        var summaries = new List<AuditRecord>();
        foreach (var (key, window) in _windows.Where(w => all || now >= w.Value.Since + _window).ToList())
        {
            _windows.Remove(key);
            if (window.Repeated > 0)
            {
                var count = window.Repeated.ToString(System.Globalization.CultureInfo.InvariantCulture);
                summaries.Add(new AuditRecord(now, key.Event, string.Empty, "reject", key.Reason, new Dictionary<string, string>
                {
                    ["source"] = key.Source,
                    ["repeated"] = count,
                    ["since"] = window.Since.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    ["message"] = $"{count} more refusals from {key.Source} for {key.Reason} since {window.Since:O}",
                }));
            }
        }

        return summaries;
    }

    private sealed class Window(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;

        public long Repeated { get; set; }
    }
}
