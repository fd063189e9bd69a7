using System.CommandLine;
using Spectre.Console;

namespace Kubedos.Engine.Cli;

/// <summary><c>stack rename NEW</c>: renames the stack's state, history, URNs and config file, and moves the selection with it.</summary>
internal static class StackRenameCommand
{
    internal static Command Create(ProgramHost host)
    {
        var newName = new Argument<string>("new-stack-name") { Description = "The stack's new name" };
        var stack = CommonOptions.Stack();
        var command = new Command("rename", "Rename the stack: its state (URNs included), history and Pulumi.<stack>.yaml") { newName, stack };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "stack rename", async () =>
        {
            var session = new EngineSession(host, parse.GetValue(stack));
            var oldName = session.StackName;
            var renamed = await session.Workspace.RenameStackAsync(oldName, parse.GetValue(newName)!, ct);
            if (StackSelection.Selected(host.WorkDir) == oldName)
            {
                StackSelection.Select(host.WorkDir, renamed.Name);
            }

            host.ResolvedConsole.MarkupLine($"Renamed [bold]{Markup.Escape(oldName)}[/] to [bold]{Markup.Escape(renamed.Name)}[/]");
            return EngineExitCodes.Success;
        }));
        return command;
    }
}
