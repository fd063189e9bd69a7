using System.CommandLine;

namespace Kubedos.Cli;

/// <summary>The kubedos command tree: the program's own verbs.</summary>
internal static class KubedosCli
{
    public static RootCommand Create()
    {
        var stack = new Option<string?>("--stack", "-s") { Description = "Stack name (default: KUBEDOS_STACK)" };
        var root = new RootCommand("kubedos: manufactures a Kube'd'OS cluster from one ClusterSpec");
        root.Subcommands.Add(ValidateCommand.Create(stack));
        root.Subcommands.Add(SchemaCommand.Create());
        root.Subcommands.Add(PkiCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(NodeCommand.Create(stack));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; a command line error exits with <see cref="ExitCodes.Usage"/>.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"kubedos: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Run 'kubedos --help' for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(cancellationToken: cancellationToken);
    }
}
