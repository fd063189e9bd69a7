using System.CommandLine;
using Spectre.Console;

namespace Kubedos.Engine.Cli;

/// <summary><c>state delete URN</c> and <c>state unprotect URN|--all</c>: Pulumi's state edits, under the stack lock.</summary>
internal static class StateCommands
{
    internal static Command Create(ProgramHost host)
    {
        var command = new Command("state", "Edit the stack's state directly: delete a resource from it, or unprotect resources");
        command.Subcommands.Add(Delete(host));
        command.Subcommands.Add(Unprotect(host));
        return command;
    }

    private static Command Delete(ProgramHost host)
    {
        var urn = new Argument<string?>("urn") { Description = "The resource's URN (single-quote it in a shell)", Arity = ArgumentArity.ZeroOrOne };
        var stack = CommonOptions.Stack();
        var force = new Option<bool>("--force") { Description = "Force deletion of protected resources" };
        var targetDependents = new Option<bool>("--target-dependents") { Description = "Delete the URN and all its dependents" };
        var yes = CommonOptions.Yes();
        var command = new Command("delete", "Delete a resource from the stack's state (the real resource stays); refuses protected ones and ones others depend on")
        {
            urn, stack, force, targetDependents, yes,
        };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "state delete", async () =>
        {
            var target = parse.GetValue(urn) ?? throw new UsageException("pass the URN of the resource to delete (list them with `kubedos stack export`)");
            var session = new EngineSession(host, parse.GetValue(stack));
            var workspaceStack = await session.SelectStackAsync(ct);
            session.Confirm(parse.GetValue(yes), $"Delete {target} from the state of stack '{workspaceStack.Name}'? The real resource is not touched.");
            var deleted = await workspaceStack.DeleteResourceAsync(target, parse.GetValue(force), parse.GetValue(targetDependents), ct);
            host.ResolvedConsole.MarkupLine(deleted.Count == 1 ? "Resource deleted" : $"{deleted.Count} resources deleted");
            foreach (var gone in deleted)
            {
                host.ResolvedConsole.MarkupLine($"  - {Markup.Escape(gone.Value)}");
            }

            return EngineExitCodes.Success;
        }));
        return command;
    }

    private static Command Unprotect(ProgramHost host)
    {
        var urn = new Argument<string?>("urn") { Description = "The resource's URN (single-quote it in a shell)", Arity = ArgumentArity.ZeroOrOne };
        var stack = CommonOptions.Stack();
        var all = new Option<bool>("--all") { Description = "Unprotect all resources in the checkpoint" };
        var yes = CommonOptions.Yes();
        var command = new Command("unprotect", "Clear the 'protect' bit of a resource (or --all), so it can be deleted") { urn, stack, all, yes };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "state unprotect", async () =>
        {
            var target = parse.GetValue(urn);
            if ((target is null) == !parse.GetValue(all))
            {
                throw new UsageException("pass the URN of a resource, or --all (not both)");
            }

            var session = new EngineSession(host, parse.GetValue(stack));
            var workspaceStack = await session.SelectStackAsync(ct);
            session.Confirm(parse.GetValue(yes), target is null
                ? $"Clear the protect bit of every resource of stack '{workspaceStack.Name}'?"
                : $"Clear the protect bit of {target} in stack '{workspaceStack.Name}'?");
            if (target is null)
            {
                var count = await workspaceStack.UnprotectAllAsync(ct);
                host.ResolvedConsole.MarkupLine($"All resources unprotected ({count} were protected)");
            }
            else
            {
                await workspaceStack.UnprotectAsync(target, ct);
                host.ResolvedConsole.MarkupLine($"Resource unprotected: {Markup.Escape(target)}");
            }

            return EngineExitCodes.Success;
        }));
        return command;
    }
}
