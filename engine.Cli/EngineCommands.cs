using System.CommandLine;

namespace Kubedos.Engine.Cli;

/// <summary>The engine's verbs as System.CommandLine commands, for a program's root command.</summary>
/// <example>
/// <code>
/// var host = new ProgramHost(StackProgram.Create&lt;KubedosStack&gt;(), providers);
/// var root = new RootCommand("kubedos");
/// foreach (var command in EngineCommands.Build(host)) root.Subcommands.Add(command);
/// </code>
/// </example>
/// <remarks>Exit codes are <see cref="EngineExitCodes"/> (see <c>engine.Cli/README.md</c>).</remarks>
public static class EngineCommands
{
    /// <summary>
    /// <c>stack</c>, <c>config</c>, <c>state</c>, <c>preview</c>, <c>up</c>, <c>refresh</c>, <c>destroy</c> and <c>graph</c>,
    /// running <paramref name="host"/>'s program with its providers.
    /// </summary>
    public static IReadOnlyList<Command> Build(ProgramHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return
        [
            StackCommands.Create(host),
            ConfigCommands.Create(host),
            StateCommands.Create(host),
            OperationCommands.Preview(host),
            OperationCommands.Up(host),
            OperationCommands.Refresh(host),
            OperationCommands.Destroy(host),
            GraphCommand.Create(host),
        ];
    }

    /// <summary>A root command holding just the engine verbs (for programs with no verbs of their own, and tests).</summary>
    public static RootCommand BuildRoot(ProgramHost host, string description)
    {
        var root = new RootCommand(description);
        foreach (var command in Build(host))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/> against <see cref="BuildRoot"/>; a command line error exits with <see cref="EngineExitCodes.Usage"/>.</summary>
    public static async Task<int> RunAsync(ProgramHost host, string[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var parse = BuildRoot(host, "kubedos engine").Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await host.ResolvedError.WriteLineAsync($"kubedos: {error.Message}");
            }

            return EngineExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = host.ResolvedOut, Error = host.ResolvedError }, cancellationToken);
    }
}
