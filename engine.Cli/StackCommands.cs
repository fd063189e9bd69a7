using System.CommandLine;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Config;
using Kubedos.Engine.State;
using Spectre.Console;

namespace Kubedos.Engine.Cli;

/// <summary><c>stack init|ls|select|rm|output|export|import|unlock</c>; <c>history</c> and <c>rename</c> live in their own files.</summary>
internal static class StackCommands
{
    internal static Command Create(ProgramHost host)
    {
        var command = new Command("stack", "Manage stacks: create, list, select, remove, rename, outputs, history, export/import, unlock");
        command.Subcommands.Add(Init(host));
        command.Subcommands.Add(List(host));
        command.Subcommands.Add(Select(host));
        command.Subcommands.Add(Remove(host));
        command.Subcommands.Add(Output(host));
        command.Subcommands.Add(Export(host));
        command.Subcommands.Add(Import(host));
        command.Subcommands.Add(Unlock(host));
        command.Subcommands.Add(HistoryCommand.Create(host));
        command.Subcommands.Add(StackRenameCommand.Create(host));
        return command;
    }

    private static Command Init(ProgramHost host)
    {
        var name = new Argument<string?>("name") { Description = $"The new stack's name ({StackNameRule.Description})", Arity = ArgumentArity.ZeroOrOne };
        var stack = new Option<string?>("--stack", "-s") { Description = "The new stack's name, as Pulumi's `stack init --stack` (instead of the argument)" };
        var command = new Command("init", "Create a stack and select it") { name, stack };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "stack init", async () =>
        {
            var stackName = EngineSession.RequireValidName(InitName(parse.GetValue(name), parse.GetValue(stack)));
            var session = new EngineSession(host, stackName);
            await session.Workspace.CreateStackAsync(stackName, ct);

            // Like Pulumi's passphrase provider, a new stack gets its encryptionsalt when a passphrase is at hand.
            if (host.Passphrase.IsConfigured && File.Exists(Path.Combine(host.WorkDir, ProjectFile.FileName)))
            {
                new StackConfigStore(host.WorkDir, stackName, host.Passphrase).OpenSecrets();
            }

            StackSelection.Select(host.WorkDir, stackName);
            host.ResolvedConsole.MarkupLine($"Created stack [bold]{Markup.Escape(stackName)}[/]");
            return EngineExitCodes.Success;
        }));
        return command;
    }

    // Like Pulumi: the name is the argument or --stack; both is fine when they agree.
    private static string InitName(string? argument, string? option) => (argument, option) switch
    {
        (null, null) => throw new UsageException("stack init needs the new stack's name: `kubedos stack init NAME` or `kubedos stack init --stack NAME`"),
        ({ } a, { } o) when a != o => throw new UsageException($"stack init was given two names, '{a}' and --stack '{o}': give one"),
        _ => argument ?? option!,
    };

    private static Command List(ProgramHost host)
    {
        var command = new Command("ls", "List the project's stacks (* marks the selected one) with their last operation");
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "stack ls", async () =>
        {
            var session = new EngineSession(host, null);
            var selected = StackSelection.Resolve(null, host);
            var table = new Table().Border(TableBorder.Simple).AddColumn("NAME").AddColumn("LAST OPERATION").AddColumn("WHEN").AddColumn("RESULT");
            foreach (var name in await session.Workspace.ListStacksAsync(ct))
            {
                // History only: listing must not need the passphrase, as the checkpoint's secrets would.
                var history = await (await session.Workspace.SelectStackAsync(name, ct)).GetHistoryAsync(ct);
                var last = history.Count == 0 ? null : history[^1];
                table.AddRow(
                    Markup.Escape(name == selected ? name + "*" : name),
                    last is null ? "none" : last.Kind.ToString().ToLowerInvariant(),
                    last is null ? string.Empty : last.EndTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                    last is null ? string.Empty : last.Succeeded ? "succeeded" : "[red]failed[/]");
            }

            host.ResolvedConsole.Write(table);
            return EngineExitCodes.Success;
        }));
        return command;
    }

    private static Command Select(ProgramHost host)
    {
        var name = new Argument<string>("name") { Description = "The stack to select" };
        var command = new Command("select", "Select the stack the other verbs act on") { name };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "stack select", async () =>
        {
            var stackName = EngineSession.RequireValidName(parse.GetValue(name)!);
            await new EngineSession(host, stackName).Workspace.SelectStackAsync(stackName, ct);
            StackSelection.Select(host.WorkDir, stackName);
            host.ResolvedConsole.MarkupLine($"Selected stack [bold]{Markup.Escape(stackName)}[/]");
            return EngineExitCodes.Success;
        }));
        return command;
    }

    private static Command Remove(ProgramHost host)
    {
        var name = new Argument<string?>("name") { Description = "The stack (default: the selected one)", Arity = ArgumentArity.ZeroOrOne };
        var stack = CommonOptions.Stack();
        var force = new Option<bool>("--force", "-f") { Description = "Remove even though the stack still has resources (they are forgotten, not deleted)" };
        var yes = CommonOptions.Yes();
        var preserveConfig = new Option<bool>("--preserve-config") { Description = "Keep Pulumi.<stack>.yaml" };
        var command = new Command("rm", "Remove a stack's state, history and config file") { name, stack, force, yes, preserveConfig };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "stack rm", async () =>
        {
            var session = new EngineSession(host, parse.GetValue(name) ?? parse.GetValue(stack));
            var stackName = session.StackName;
            session.Confirm(parse.GetValue(yes), $"Remove stack '{stackName}' and its history?");
            await session.Workspace.RemoveStackAsync(stackName, parse.GetValue(force), ct);
            if (!parse.GetValue(preserveConfig))
            {
                File.Delete(Path.Combine(host.WorkDir, StackConfigFile.FileNameFor(stackName)));
            }

            if (StackSelection.Selected(host.WorkDir) == stackName)
            {
                StackSelection.Select(host.WorkDir, null);
            }

            host.ResolvedConsole.MarkupLine($"Removed stack [bold]{Markup.Escape(stackName)}[/]");
            return EngineExitCodes.Success;
        }));
        return command;
    }

    private static Command Output(ProgramHost host)
    {
        var name = new Argument<string?>("output") { Description = "Print only this output's value", Arity = ArgumentArity.ZeroOrOne };
        var stack = CommonOptions.Stack();
        var json = new Option<bool>("--json", "-j") { Description = "Print the outputs as one JSON object (secrets masked)" };
        var command = new Command("output", "Show the stack's outputs (secrets show as [secret])") { name, stack, json };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "stack output", async () =>
        {
            var session = new EngineSession(host, parse.GetValue(stack));
            var outputs = await (await session.SelectStackAsync(ct)).GetOutputsAsync(ct);
            var only = parse.GetValue(name);
            if (only is not null && !outputs.ContainsKey(only))
            {
                throw new StateException($"stack '{session.StackName}' has no output '{only}'");
            }

            var shown = outputs.Where(kv => only is null || kv.Key == only).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToArray();
            if (parse.GetValue(json))
            {
                var obj = new System.Text.Json.Nodes.JsonObject(shown.Select(kv => KeyValuePair.Create(
                    kv.Key, kv.Value.IsSecret ? System.Text.Json.Nodes.JsonValue.Create(PropertyText.SecretMask) : PropertyText.ToJson(kv.Value.Value))));
                await host.ResolvedOut.WriteLineAsync(only is null ? obj.ToJsonString() : obj[only]?.ToJsonString() ?? "null");
                return EngineExitCodes.Success;
            }

            if (only is not null)
            {
                var value = shown[0].Value;
                host.ResolvedConsole.WriteLine(value.IsSecret ? PropertyText.SecretMask : value.Value.Kind == Model.PropertyValueKind.String ? value.Value.AsString() : PropertyText.Display(value.Value));
                return EngineExitCodes.Success;
            }

            host.ResolvedConsole.MarkupLine($"Current stack outputs ({shown.Length}):");
            var table = new Table().Border(TableBorder.Simple).AddColumn("OUTPUT").AddColumn("VALUE");
            foreach (var (key, value) in shown)
            {
                table.AddRow(Markup.Escape(key), Markup.Escape(value.IsSecret ? PropertyText.SecretMask : PropertyText.Display(value.Value)));
            }

            host.ResolvedConsole.Write(table);
            return EngineExitCodes.Success;
        }));
        return command;
    }

    private static Command Export(ProgramHost host)
    {
        var stack = CommonOptions.Stack();
        var file = new Option<string?>("--file") { Description = "Write to this file instead of stdout" }.FileToWrite(host.WorkDir);
        var command = new Command("export", "Print the stack's checkpoint as JSON (secrets stay encrypted)") { stack, file };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "stack export", async () =>
        {
            var session = new EngineSession(host, parse.GetValue(stack));
            var exported = await (await session.SelectStackAsync(ct)).ExportAsync(ct);
            if (parse.GetValue(file) is { } path)
            {
                await File.WriteAllTextAsync(Path.GetFullPath(path, host.WorkDir), exported, ct);
            }
            else
            {
                await host.ResolvedOut.WriteLineAsync(exported);
            }

            return EngineExitCodes.Success;
        }));
        return command;
    }

    private static Command Import(ProgramHost host)
    {
        var stack = CommonOptions.Stack();
        var file = new Option<string?>("--file") { Description = "Read from this file instead of stdin" };
        var yes = CommonOptions.Yes();
        var force = new Option<bool>("--force", "-f") { Description = "Import even a checkpoint that fails the integrity check (every later operation refuses it)" };
        var command = new Command("import", "Replace the stack's checkpoint with an exported one (refused when it fails the integrity check)") { stack, file, yes, force };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "stack import", async () =>
        {
            var session = new EngineSession(host, parse.GetValue(stack));
            var target = await session.SelectStackAsync(ct);
            var json = parse.GetValue(file) is { } path ? await File.ReadAllTextAsync(path, ct) : await host.ResolvedIn.ReadToEndAsync(ct);
            session.Confirm(parse.GetValue(yes), $"Replace the state of stack '{target.Name}'?");
            await target.ImportAsync(json, parse.GetValue(force), ct);
            host.ResolvedConsole.MarkupLine($"Imported the checkpoint into stack [bold]{Markup.Escape(target.Name)}[/]");
            return EngineExitCodes.Success;
        }));
        return command;
    }

    private static Command Unlock(ProgramHost host)
    {
        var stack = CommonOptions.Stack();
        var force = new Option<bool>("--force", "-f") { Description = "Break the lock even if its holder may still run" };
        var command = new Command("unlock", "Break a stale stack lock (its process is gone); a live one only with --force") { stack, force };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "stack unlock", () =>
        {
            var session = new EngineSession(host, parse.GetValue(stack));
            var broken = session.Workspace.UnlockStack(session.StackName, parse.GetValue(force));
            host.ResolvedConsole.MarkupLine(broken is null
                ? $"Stack [bold]{Markup.Escape(session.StackName)}[/] is not locked"
                : $"Broke the lock of stack [bold]{Markup.Escape(session.StackName)}[/]: {Markup.Escape(broken.ToString())}");
            return Task.FromResult(EngineExitCodes.Success);
        }));
        return command;
    }
}
