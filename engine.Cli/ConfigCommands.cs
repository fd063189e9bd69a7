using System.CommandLine;
using Kubedos.Engine.Config;
using Spectre.Console;

namespace Kubedos.Engine.Cli;

/// <summary><c>config</c> (list), <c>config get|set|rm KEY [VALUE] [--secret] [--path]</c> over <see cref="StackConfigStore"/>.</summary>
internal static class ConfigCommands
{
    internal static Command Create(ProgramHost host)
    {
        var stack = CommonOptions.Stack();
        var command = new Command("config", "Show the stack's config (secrets masked), or get, set and remove values") { stack };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "config", () =>
        {
            var store = Store(host, parse.GetValue(stack));
            var table = new Table().Border(TableBorder.Simple).AddColumn("KEY").AddColumn("VALUE");
            foreach (var (key, value) in store.Load().Values)
            {
                table.AddRow(Markup.Escape(key.ToString()), Markup.Escape(value.Secure ? PropertyText.SecretMask : value.Text));
            }

            host.ResolvedConsole.Write(table);
            return Task.FromResult(EngineExitCodes.Success);
        }));
        command.Subcommands.Add(Get(host));
        command.Subcommands.Add(Set(host));
        command.Subcommands.Add(Remove(host));
        return command;
    }

    private static Command Get(ProgramHost host)
    {
        var key = new Argument<string>("key") { Description = "<namespace>:<name>, or <name> in the project's namespace" };
        var stack = CommonOptions.Stack();
        var path = PathOption();
        var command = new Command("get", "Print one config value (decrypted, as `pulumi config get` does)") { key, stack, path };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "config get", async () =>
        {
            var store = Store(host, parse.GetValue(stack));
            var text = parse.GetValue(key)!;
            var value = parse.GetValue(path)
                ? store.GetPath(text) ?? throw new ConfigException(store.Path, null, text, $"not set in stack '{store.Stack}'")
                : store.Get(text) ?? throw new ConfigException(store.Path, null, ConfigKey.Parse(text, store.Project.Name).ToString(), $"not set in stack '{store.Stack}'");
            await host.ResolvedOut.WriteLineAsync(value.Text);
            return EngineExitCodes.Success;
        }));
        return command;
    }

    private static Command Set(ProgramHost host)
    {
        var key = new Argument<string>("key") { Description = "<namespace>:<name>, or <name> in the project's namespace" };
        var value = new Argument<string?>("value") { Description = "The value (read from stdin when left out)", Arity = ArgumentArity.ZeroOrOne };
        var secret = new Option<bool>("--secret") { Description = "Encrypt the value with the stack's passphrase" };
        var stack = CommonOptions.Stack();
        var path = PathOption();
        var command = new Command("set", "Set a config value; --secret stores it encrypted") { key, value, secret, stack, path };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "config set", async () =>
        {
            var store = Store(host, parse.GetValue(stack));

            // Reading a secret from stdin keeps it out of shell history and the process list.
            var text = parse.GetValue(value) ?? (await host.ResolvedIn.ReadToEndAsync(ct)).TrimEnd('\r', '\n');
            if (parse.GetValue(path))
            {
                store.SetPath(parse.GetValue(key)!, text, parse.GetValue(secret));
            }
            else
            {
                store.Set(parse.GetValue(key)!, text, parse.GetValue(secret));
            }

            return EngineExitCodes.Success;
        }));
        return command;
    }

    private static Command Remove(ProgramHost host)
    {
        var key = new Argument<string>("key") { Description = "<namespace>:<name>, or <name> in the project's namespace" };
        var stack = CommonOptions.Stack();
        var path = PathOption();
        var command = new Command("rm", "Remove a config value") { key, stack, path };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "config rm", () =>
        {
            var store = Store(host, parse.GetValue(stack));
            if (!(parse.GetValue(path) ? store.RemovePath(parse.GetValue(key)!) : store.Remove(parse.GetValue(key)!)))
            {
                host.ResolvedConsole.MarkupLine($"[yellow]{Markup.Escape(parse.GetValue(key)!)} was not set[/]");
            }

            return Task.FromResult(EngineExitCodes.Success);
        }));
        return command;
    }

    private static Option<bool> PathOption() =>
        new("--path") { Description = "The key is a path into a structured value: a.b[0].c, a[\"b.c\"]" };

    private static StackConfigStore Store(ProgramHost host, string? stackOption)
    {
        var stack = new EngineSession(host, stackOption).StackName;
        return new StackConfigStore(host.WorkDir, stack, host.Passphrase);
    }
}
