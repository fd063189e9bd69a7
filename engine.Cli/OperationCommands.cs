using System.CommandLine;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;

namespace Kubedos.Engine.Cli;

/// <summary><c>preview</c>, <c>up</c>, <c>refresh</c> and <c>destroy</c>: thin verbs over <see cref="WorkspaceStack"/>.</summary>
internal static class OperationCommands
{
    internal static Command Preview(ProgramHost host)
    {
        var stack = CommonOptions.Stack();
        var json = CommonOptions.Json();
        var diff = CommonOptions.Diff();
        var policyConfig = CommonOptions.PolicyConfig();
        var expectNoChanges = ExpectNoChanges("proposed by this preview");
        var refresh = RefreshFirst("show what up --refresh would change: read every resource first, in memory");
        var command = new Command("preview", "Show what up would change, with property-level diffs; changes nothing") { stack, json, diff, policyConfig, expectNoChanges, refresh };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "preview", () =>
        {
            var session = new EngineSession(host, parse.GetValue(stack), parse.GetValue(policyConfig));
            var run = new OperationRun(session, parse.GetValue(json), parse.GetValue(diff));
            return run.ExecuteAsync(null, (s, onEvent, token) => s.PreviewAsync(
                new UpdateOptions { OnEvent = onEvent, ExpectNoChanges = parse.GetValue(expectNoChanges), Refresh = parse.GetValue(refresh) }, token), ct);
        }));
        return command;
    }

    internal static Command Up(ProgramHost host)
    {
        var stack = CommonOptions.Stack();
        var json = CommonOptions.Json();
        var diff = CommonOptions.Diff();
        var yes = CommonOptions.Yes();
        var target = new Option<string[]>("--target", "-t") { Description = "Only change this resource (URN, '*' wildcards); repeatable" };
        var targetDependents = new Option<bool>("--target-dependents") { Description = "Also change what depends on a targeted resource" };
        var replace = new Option<string[]>("--replace") { Description = "Replace this resource (URN) even if unchanged; repeatable" };
        var parallel = new Option<int?>("--parallel", "-p") { Description = "Resource operations at once (default: 4 x cores)" };
        parallel.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--parallel must be at least 1");
            }
        });
        var policyConfig = CommonOptions.PolicyConfig();
        var expectNoChanges = ExpectNoChanges("proposed by this update (nothing is changed then)");
        var refresh = RefreshFirst("read every resource first and record what is real (a resource found gone is created again), then update, in one run under one lock");
        var command = new Command("up", "Create or update the stack's resources to match the program")
        {
            stack, yes, target, targetDependents, replace, parallel, json, diff, policyConfig, expectNoChanges, refresh,
        };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "up", () =>
        {
            var session = new EngineSession(host, parse.GetValue(stack), parse.GetValue(policyConfig));
            var options = new UpdateOptions
            {
                Target = parse.GetValue(target) ?? [],
                TargetDependents = parse.GetValue(targetDependents),
                Replace = parse.GetValue(replace) ?? [],
                Parallel = parse.GetValue(parallel),
                ExpectNoChanges = parse.GetValue(expectNoChanges),
                Refresh = parse.GetValue(refresh),
            };
            var run = new OperationRun(session, parse.GetValue(json), parse.GetValue(diff));
            return run.ExecuteAsync(
                new Confirmation(parse.GetValue(yes), "Do you want to perform this update?", (s, onEvent, token) => s.PreviewAsync(options with { OnEvent = onEvent }, token)),
                (s, onEvent, token) => s.UpAsync(options with { OnEvent = onEvent }, token),
                ct);
        }));
        return command;
    }

    internal static Command Refresh(ProgramHost host)
    {
        var stack = CommonOptions.Stack();
        var json = CommonOptions.Json();
        var diff = CommonOptions.Diff();
        var yes = CommonOptions.Yes();
        var previewOnly = new Option<bool>("--preview-only") { Description = "Report drift without writing the state" };
        var expectNoChanges = ExpectNoChanges("found by this refresh (drift; nothing is written then)");
        var command = new Command("refresh", "Read every resource through its provider and record what is real, reporting drift") { stack, yes, previewOnly, json, diff, expectNoChanges };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "refresh", () =>
        {
            var session = new EngineSession(host, parse.GetValue(stack));
            var run = new OperationRun(session, parse.GetValue(json), parse.GetValue(diff));
            var options = new RefreshOptions { ExpectNoChanges = parse.GetValue(expectNoChanges) };
            if (parse.GetValue(previewOnly))
            {
                return run.ExecuteAsync(null, (s, onEvent, token) => s.RefreshAsync(options with { PreviewOnly = true, OnEvent = onEvent }, token), ct);
            }

            return run.ExecuteAsync(
                new Confirmation(parse.GetValue(yes), "Do you want to perform this refresh?", (s, onEvent, token) => s.RefreshAsync(options with { PreviewOnly = true, OnEvent = onEvent }, token)),
                (s, onEvent, token) => s.RefreshAsync(options with { OnEvent = onEvent }, token),
                ct);
        }));
        return command;
    }

    internal static Command Destroy(ProgramHost host)
    {
        var stack = CommonOptions.Stack();
        var json = CommonOptions.Json();
        var diff = CommonOptions.Diff();
        var yes = CommonOptions.Yes();
        var target = new Option<string[]>("--target", "-t") { Description = "Only delete this resource (URN, '*' wildcards); repeatable" };
        var targetDependents = new Option<bool>("--target-dependents") { Description = "Also delete what depends on a targeted resource" };
        var policyConfig = CommonOptions.PolicyConfig();
        var command = new Command("destroy", "Delete the stack's resources (or the targeted ones) in reverse dependency order") { stack, yes, target, targetDependents, json, diff, policyConfig };
        command.SetAction((parse, ct) => CommandFailure.RunAsync(host, "destroy", () =>
        {
            var session = new EngineSession(host, parse.GetValue(stack), parse.GetValue(policyConfig));
            var options = new DestroyOptions { Target = parse.GetValue(target) ?? [], TargetDependents = parse.GetValue(targetDependents) };
            var run = new OperationRun(session, parse.GetValue(json), parse.GetValue(diff));
            return run.ExecuteAsync(
                new Confirmation(parse.GetValue(yes), "Do you want to perform this destroy?", (s, onEvent, token) => s.DestroyAsync(options with { PreviewOnly = true, OnEvent = onEvent }, token)),
                (s, onEvent, token) => s.DestroyAsync(options with { OnEvent = onEvent }, token),
                ct);
        }));
        return command;
    }

    private static Option<bool> RefreshFirst(string what) => new("--refresh", "-r") { Description = char.ToUpperInvariant(what[0]) + what[1..] };

    private static Option<bool> ExpectNoChanges(string what) =>
        new("--expect-no-changes") { Description = $"Return an error (exit code 8) if any changes are {what}" };

    /// <summary>How a destructive verb is confirmed: with <c>--yes</c>, or by a person after seeing its preview.</summary>
    internal sealed record Confirmation(bool Yes, string Question, Func<WorkspaceStack, Action<EngineEvent>, CancellationToken, Task<UpdateResult>> PreviewAsync);
}
