using System.CommandLine;

namespace Kubedos.Engine.Cli;

/// <summary><c>graph [--format mermaid|dot|json] [--full]</c>: the stack's resource graph from its state.</summary>
internal static class GraphCommand
{
    internal static Command Create(ProgramHost host)
    {
        var stack = CommonOptions.Stack();
        var format = new Option<string>("--format") { Description = "mermaid, dot or json", DefaultValueFactory = _ => "mermaid" };
        format.AcceptOnlyFromAmong("mermaid", "dot", "json");
        var full = new Option<bool>("--full") { Description = "Every resource, not collapsed to components" };
        var command = new Command("graph", "Print the stack's resource graph (collapsed to components unless --full)") { stack, format, full };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "graph", async () =>
        {
            var session = new EngineSession(host, parse.GetValue(stack));
            var checkpoint = await (await session.SelectStackAsync(ct)).GetCheckpointAsync(ct);
            var graph = StackGraph.From(checkpoint.Resources, collapse: !parse.GetValue(full));
            var text = parse.GetValue(format) switch
            {
                "dot" => graph.ToDot(),
                "json" => graph.ToJson() + "\n",
                _ => graph.ToMermaid(),
            };
            await host.ResolvedOut.WriteAsync(text);
            return EngineExitCodes.Success;
        }));
        return command;
    }
}
