using System.Text.Json.Serialization;

namespace Kubedos.Engine.State;

/// <summary>Who holds a stack lock: process, host, user, since when, and for which operation.</summary>
/// <param name="Id">A random id, so a holder releases only its own lock (not one taken after a forced break).</param>
/// <param name="Pid">The holder's process id.</param>
/// <param name="Host">The holder's host name.</param>
/// <param name="User">The holder's user name.</param>
/// <param name="Time">When the lock was taken.</param>
/// <param name="Operation">What the holder is doing (<c>up</c>, <c>destroy</c>, <c>refresh</c>, <c>import</c>, ...).</param>
public sealed record StackLockInfo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("hostname")] string Host,
    [property: JsonPropertyName("username")] string User,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Time,
    [property: JsonPropertyName("operation")] string Operation)
{
    /// <summary>This process as the holder of a lock taken now for <paramref name="operation"/>.</summary>
    public static StackLockInfo ForThisProcess(string operation, TimeProvider? time = null) => new(
        Guid.NewGuid().ToString("N"),
        Environment.ProcessId,
        Environment.MachineName,
        Environment.UserName,
        (time ?? TimeProvider.System).GetUtcNow(),
        operation);

    /// <summary>One line for people: <c>'up' by alice@lab-host (pid 4242) since 2026-11-23T14:00:00Z</c>.</summary>
    public override string ToString() =>
        $"'{Operation}' by {User}@{Host} (pid {Pid}) since {Time.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";
}
