namespace Kubedos.Components.Seal;

/// <summary>The enrollment service's audit log and its signed head, as read from the service's node.</summary>
internal sealed record ServiceAuditLog(byte[] Log, byte[]? Head)
{
    /// <summary>The script that prints them: the log's base64 on one line, the head's (or nothing) on the next.</summary>
    public static string FetchScript(string stateDirectory) =>
        $"base64 -w0 {stateDirectory}/audit.log; echo; if [ -f {stateDirectory}/audit.head ]; then base64 -w0 {stateDirectory}/audit.head; fi; echo";

    /// <summary>Reads what <see cref="FetchScript"/> printed.</summary>
    /// <exception cref="FormatException">Not two base64 lines.</exception>
    public static ServiceAuditLog Parse(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var lines = stdout.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        if (lines.Length < 1 || lines[0].Length == 0)
        {
            throw new FormatException("the enrollment service's audit log came back empty");
        }

        var head = lines.Length > 1 && lines[1].Trim().Length > 0 ? Convert.FromBase64String(lines[1].Trim()) : null;
        return new ServiceAuditLog(Convert.FromBase64String(lines[0].Trim()), head);
    }

    public override string ToString() => $"ServiceAuditLog({Log.Length} bytes, head {(Head is null ? "absent" : "present")})";
}
