using System.CommandLine;
using Kubedos.Components;
using Kubedos.Engine.Cli;
using Kubedos.Policies;

namespace Kubedos.Cli;

/// <summary>The kubedos command tree: the program's own verbs plus the engine's, run over <see cref="KubedosStack"/>.</summary>
internal static class KubedosCli
{
    public static RootCommand Create(ProgramHost host)
    {
        var stack = new Option<string?>("--stack", "-s") { Description = "Stack name (default: KUBEDOS_STACK)" };
        var root = new RootCommand("kubedos: manufactures a Kube'd'OS cluster from one ClusterSpec");
        root.Subcommands.Add(ValidateCommand.Create(stack));
        root.Subcommands.Add(SchemaCommand.Create());
        root.Subcommands.Add(PkiCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(NodeCommand.Create(stack));
        root.Subcommands.Add(PolicyCheckCommand.Create(host));
        root.Subcommands.Add(AcceptanceCommand.Create(host));
        root.Subcommands.Add(ImageCommand.Create(stack));
        root.Subcommands.Add(DrillCommand.Create(host));
        root.Subcommands.Add(RunbookCommand.Create(host));
        root.Subcommands.Add(SwapCommand.Create(host));
        foreach (var command in EngineCommands.Build(host))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>The host the engine verbs run the Kube'd'OS program in: every built-in provider and the Kube'd'OS policy pack.</summary>
    public static ProgramHost CreateHost() =>
        new(KubedosProgram.Create(), BuiltInProviders.Create(TimeProvider.System))
        {
            PolicyPacks = [KubedosPolicyPack.Create()],
        };

    /// <summary>Parses and runs <paramref name="args"/>; a command line error exits with <see cref="ExitCodes.Usage"/>.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var parse = Create(CreateHost()).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"kubedos: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Run 'kubedos --help' for usage.");
            return ExitCodes.Usage;
        }

        // Every verb's failure is one line and a documented exit code (a stack trace only for a bug, exit 70), never the parser's "Unhandled exception".
        return await CommandFailure.RunAsync(
            Console.Error,
            Verb(parse.CommandResult),
            () => parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellationToken));
    }

    // "policy check", "pki init-offline-root": the command's path below the root.
    private static string Verb(System.CommandLine.Parsing.CommandResult command)
    {
        var names = new List<string>();
        for (var result = command; result is { Parent: not null }; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        return names.Count == 0 ? "kubedos" : string.Join(' ', names);
    }
}
