namespace Kubedos.Providers.Local;

/// <summary>What a finished program on the host or in a lab node returned (the Command provider's is <c>Kubedos.Providers.Command.CommandResult</c>).</summary>
/// <param name="ExitCode">The exit code; -1 when the program was killed for its time limit.</param>
/// <param name="Stdout">Standard output, decoded as UTF-8.</param>
/// <param name="Stderr">Standard error, decoded as UTF-8.</param>
/// <param name="TimedOut">True when the time limit ended the program.</param>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, bool TimedOut = false)
{
    /// <summary>True when the program exited with 0 in time.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}
