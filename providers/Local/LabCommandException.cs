namespace Kubedos.Providers.Local;

/// <summary>A host command the lab needed failed; carries the command line, exit code and stderr.</summary>
public sealed class LabCommandException : Exception
{
    public LabCommandException()
    {
        CommandLine = string.Empty;
        Stderr = string.Empty;
    }

    public LabCommandException(string message)
        : base(message)
    {
        CommandLine = string.Empty;
        Stderr = string.Empty;
    }

    public LabCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
        CommandLine = string.Empty;
        Stderr = string.Empty;
    }

    /// <summary>Creates the error for a command that ran and failed.</summary>
    public LabCommandException(HostCommand command, ProcessResult result)
        : base(Describe(command, result))
    {
        CommandLine = command.ToString();
        ExitCode = result.ExitCode;
        Stderr = result.Stderr;
    }

    /// <summary>Creates the error for a command that ran inside a lab node and failed.</summary>
    public LabCommandException(string node, HostCommand command, ProcessResult result)
        : base($"on node {node}: {Describe(command, result)}")
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(result);
        CommandLine = command.ToString();
        ExitCode = result.ExitCode;
        Stderr = result.Stderr;
    }

    /// <summary>The command as typed, e.g. <c>ip netns add kd.lab-01.cp-1</c>.</summary>
    public string CommandLine { get; }

    /// <summary>The exit code (-1 when it timed out).</summary>
    public int ExitCode { get; }

    /// <summary>What the program wrote to stderr.</summary>
    public string Stderr { get; }

    private static string Describe(HostCommand command, ProcessResult result)
    {
        var what = result.TimedOut ? "timed out" : $"exited with {result.ExitCode}";
        var stderr = result.Stderr.Trim();
        return stderr.Length == 0 ? $"`{command}` {what}" : $"`{command}` {what}: {stderr}";
    }
}
