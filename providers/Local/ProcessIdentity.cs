using System.Globalization;

namespace Kubedos.Providers.Local;

/// <summary>A process told apart from a later one that reuses its PID: PID plus start time.</summary>
/// <param name="Pid">The process id.</param>
/// <param name="StartTicks">Field 22 of <c>/proc/PID/stat</c>: when it started, in clock ticks since boot.</param>
/// <param name="Command">The command name (<c>/proc/PID/comm</c>).</param>
public sealed record ProcessIdentity(int Pid, long StartTicks, string Command)
{
    /// <summary>Reads the live process, or null when there is no such process.</summary>
    public static ProcessIdentity? Read(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // comm sits in parentheses and may itself contain spaces or ')'; fields after the last ')' are fixed.
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return null;
        }

        var fields = stat[(close + 2)..].Split(' ');
        // fields[0] is field 3 (state); start time is field 22.
        if (fields.Length < 20 || fields[0] == "Z")
        {
            return null;
        }

        return new ProcessIdentity(pid, long.Parse(fields[19], CultureInfo.InvariantCulture), stat[(open + 1)..close]);
    }

    private static readonly Lazy<string> BootId = new(() =>
        File.Exists("/proc/sys/kernel/random/boot_id") ? File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim() : "no-boot-id");

    /// <summary>This process among every process this machine ever ran: boot id, PID and start time.</summary>
    public string Incarnation => $"{BootId.Value}/{Pid.ToString(CultureInfo.InvariantCulture)}/{StartTicks.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>True while this very process (not a successor with its PID) is alive.</summary>
    public bool IsAlive() => Read(Pid) is { } now && now.StartTicks == StartTicks;
}
