namespace Kubedos.Providers.Command;

/// <summary>How a command ended; output already redacted.</summary>
/// <param name="ExitCode">The exit status.</param>
/// <param name="Stdout">Standard output, secrets masked.</param>
/// <param name="Stderr">Standard error, secrets masked.</param>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr);
