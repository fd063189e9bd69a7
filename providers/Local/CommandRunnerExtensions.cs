namespace Kubedos.Providers.Local;

/// <summary>Shorthands for the lab's own host commands, which must succeed.</summary>
internal static class CommandRunnerExtensions
{
    /// <summary>Runs the command and throws <see cref="LabCommandException"/> unless it exits 0.</summary>
    public static async Task<ProcessResult> RunCheckedAsync(
        this ICommandRunner runner, HostCommand command, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(command, cancellationToken);
        return result.Succeeded ? result : throw new LabCommandException(command, result);
    }

    /// <summary>Runs <c>program args...</c> and throws unless it exits 0.</summary>
    public static Task<ProcessResult> RunCheckedAsync(
        this ICommandRunner runner, CancellationToken cancellationToken, string program, params string[] arguments) =>
        runner.RunCheckedAsync(HostCommand.Of(program, arguments), cancellationToken);

    /// <summary>Runs <c>program args...</c> and returns the result whatever the exit code.</summary>
    public static Task<ProcessResult> RunAsync(
        this ICommandRunner runner, CancellationToken cancellationToken, string program, params string[] arguments) =>
        runner.RunAsync(HostCommand.Of(program, arguments), cancellationToken);
}
