using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Kubedos.Components.Seal;
using Kubedos.Engine.Cli;
using Kubedos.Engine.Config;
using Kubedos.Engine.Secrets;
using Kubedos.Operations;
using Kubedos.Operations.Drills;
using Kubedos.Operations.Runbooks;

namespace Kubedos.Cli;

/// <summary>
/// <c>kubedos runbook rotate --stack S [--what wireguard|node-certs|etcd-certs|all] [--json]</c>,
/// <c>kubedos runbook compromised-node NODE --stack S --yes [--json]</c> and <c>kubedos runbook total-loss --stack S --yes [--json]</c>:
/// thin wrappers over <see cref="RotateProgram"/>, <see cref="CompromisedNodeProgram"/> and <see cref="TotalLossProgram"/>. Exit 0 when every step did what it names and every gate passed after it, 1 when a
/// step failed (the later ones are not run), 2 for what the spec cannot have (or a missing --yes), 7 when the stack was
/// never brought up.
/// </summary>
internal static class RunbookCommand
{
    public static Command Create(ProgramHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var stack = new Option<string?>("--stack", "-s") { Description = "The stack (default: KUBEDOS_STACK)" };
        var what = new Option<string>("--what")
        {
            Description = $"What to renew: {RotationPlan.WireGuard}, {RotationPlan.NodeCerts}, {RotationPlan.EtcdCerts} (with kubernetes.enabled) or {RotationPlan.All}",
            DefaultValueFactory = _ => RotationPlan.All,
        };
        var json = new Option<bool>("--json", "-j") { Description = "Print the report as one JSON line" };
        var rotate = new Command(
            "rotate",
            "Renew keys one node at a time (an up replacing that node's key resources), with every gate passing between steps; "
            + "appends to out/<stack>/logs/operations.log and writes the report to out/<stack>/runbooks/, sealed into the bundle. "
            + "Schedulable: see the README's cron line.")
        {
            stack, what, json,
        };
        rotate.SetAction((parse, cancellationToken) => CommandFailure.RunAsync(host.Error ?? Console.Error, "runbook rotate", () =>
            RotateAsync(host, parse.GetValue(stack), parse.GetValue(what)!, parse.GetValue(json), cancellationToken)));
        var node = new Argument<string>("node") { Description = "The node to treat as compromised" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Confirm: the node is fenced, revoked and destroyed" };
        var compromised = new Command(
            "compromised-node",
            "Fence the node at once (every other node drops its peers and addresses), revoke its identity, destroy it, make a replacement "
            + "with new keys and identity, renew every token it held, and run every gate. Destructive: needs --yes.")
        {
            node, stack, yes, json,
        };
        compromised.SetAction((parse, cancellationToken) => CommandFailure.RunAsync(host.Error ?? Console.Error, "runbook compromised-node", () =>
            CompromisedAsync(host, parse.GetValue(node)!, parse.GetValue(stack), parse.GetValue(yes), parse.GetValue(json), cancellationToken)));
        var totalLossYes = new Option<bool>("--yes", "-y") { Description = "Confirm: every node is made anew and etcd restored from the bundle's newest snapshot" };
        var totalLoss = new Command(
            "total-loss",
            "Rebuild a cluster of which no machine runs, from the state, the spec and the recovery bundle: with etcd, the bundle's newest "
            + "snapshot (the bundle verified under kubedos:seal.signingKeyPin) is restored on every member as the cluster bootstraps "
            + "(config kubedos:etcdRestoreSnapshot); one up --refresh makes every node anew and runs every gate. Needs --yes.")
        {
            stack, totalLossYes, json,
        };
        totalLoss.SetAction((parse, cancellationToken) => CommandFailure.RunAsync(host.Error ?? Console.Error, "runbook total-loss", () =>
            TotalLossAsync(host, parse.GetValue(stack), parse.GetValue(totalLossYes), parse.GetValue(json), cancellationToken)));
        return new Command("runbook", "Operational runbooks as programs over the engine (spec §18)") { rotate, compromised, totalLoss };
    }

    private static async Task<int> TotalLossAsync(ProgramHost host, string? stackOption, bool yes, bool json, CancellationToken cancellationToken)
    {
        var error = host.Error ?? Console.Error;
        if (!yes)
        {
            await error.WriteLineAsync("kubedos runbook total-loss: rebuilding every node and restoring etcd from the bundle needs --yes");
            return ExitCodes.Usage;
        }

        var (target, exitCode) = await OperationStack.OpenAsync(host, "runbook total-loss", stackOption, cancellationToken);
        if (target is null)
        {
            return exitCode;
        }

        TotalLossOptions options;
        try
        {
            var config = new StackConfigStore(host.WorkDir, target.Name, new PassphraseSource(host.Environment ?? Environment.GetEnvironmentVariable));
            options = new TotalLossOptions
            {
                HostFailure = HostFailures.For(target.Cluster.Substrate.Type),
                ProjectDirectory = host.WorkDir,
                SigningKeyPin = config.Get(SealMaterial.SigningKeyPinKey)?.Text,
                Runbook = new RunbookOptions { Time = host.Time, OnStep = json ? null : Progress(host.Out ?? Console.Out) },
            };
        }
        catch (OperationRefusedException e)
        {
            await error.WriteLineAsync($"kubedos runbook total-loss: {e.Message}");
            return ExitCodes.Usage;
        }

        var stack = await target.SelectAsync(cancellationToken);
        return await ReportAsync(host, "runbook total-loss", "runbook total-loss", target, json, () =>
            TotalLossProgram.RunAsync(stack, target.Cluster, target.OutDirectory, options, cancellationToken), cancellationToken);
    }

    private static async Task<int> CompromisedAsync(ProgramHost host, string node, string? stackOption, bool yes, bool json, CancellationToken cancellationToken)
    {
        var error = host.Error ?? Console.Error;
        if (!yes)
        {
            await error.WriteLineAsync($"kubedos runbook compromised-node: fencing, revoking and destroying {node} needs --yes");
            return ExitCodes.Usage;
        }

        var (target, exitCode) = await OperationStack.OpenAsync(host, "runbook compromised-node", stackOption, cancellationToken);
        if (target is null)
        {
            return exitCode;
        }

        CompromiseOptions options;
        try
        {
            options = new CompromiseOptions
            {
                Fence = NodeFences.For(target.Cluster.Substrate.Type),
                HostFailure = HostFailures.For(target.Cluster.Substrate.Type),
                Runbook = new RunbookOptions { Time = host.Time, OnStep = json ? null : Progress(host.Out ?? Console.Out) },
            };
        }
        catch (OperationRefusedException e)
        {
            await error.WriteLineAsync($"kubedos runbook compromised-node: {e.Message}");
            return ExitCodes.Usage;
        }

        var stack = await target.SelectAsync(cancellationToken);
        return await ReportAsync(host, "runbook compromised-node", "runbook compromised-node " + node, target, json, () =>
            CompromisedNodeProgram.RunAsync(stack, target.Cluster, node, target.OutDirectory, options, cancellationToken), cancellationToken);
    }

    private static async Task<int> RotateAsync(ProgramHost host, string? stackOption, string what, bool json, CancellationToken cancellationToken)
    {
        var error = host.Error ?? Console.Error;
        var output = host.Out ?? Console.Out;
        var (target, exitCode) = await OperationStack.OpenAsync(host, "runbook rotate", stackOption, cancellationToken);
        if (target is null)
        {
            return exitCode;
        }

        RotationPlan plan;
        try
        {
            plan = RotationPlan.From(target.Cluster, what);
        }
        catch (OperationRefusedException e)
        {
            await error.WriteLineAsync($"kubedos runbook rotate: {e.Message}");
            return ExitCodes.Usage;
        }

        var stack = await target.SelectAsync(cancellationToken);
        return await ReportAsync(host, "runbook rotate", $"runbook rotate --what {plan.What}", target, json, () =>
            RotateProgram.RunAsync(stack, target.Cluster.Name, plan, target.OutDirectory, new RunbookOptions
            {
                Time = host.Time,
                OnStep = json ? null : Progress(host.Out ?? Console.Out),
            }, cancellationToken), cancellationToken);
    }

    /// <summary>Prints each step as it starts and ends.</summary>
    internal static Action<RunbookStep, RunbookStepResult?> Progress(TextWriter output) => (step, result) => output.WriteLine(result is null
        ? $"{step.Kind,-10} {step.Subject,-10} {(step.Resources.Count == 0 ? "..." : "replacing " + string.Join(", ", step.Resources.Select(r => r.Name)))}"
        : $"{step.Kind,-10} {step.Subject,-10} {(result.Passed ? "done" : "FAILED")} in {(result.Finished - result.Started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"
            + (result.Gates.Count == 0 ? string.Empty : $", gates: {string.Join(", ", result.Gates.Select(g => $"{g.Key} {g.Value}"))}"));

    /// <summary>Runs a runbook-shaped program and prints its report (or one JSON line); the exit code follows its verdict.</summary>
    /// <param name="host">The CLI's host.</param>
    /// <param name="verb">The verb, as a refusal names it: <c>runbook total-loss</c>, <c>swap</c>.</param>
    /// <param name="title">What ran, as printed: <c>runbook rotate --what all</c>, <c>swap A -> B</c>.</param>
    /// <param name="target">The stack the report is about.</param>
    /// <param name="json">Print the report as one JSON line.</param>
    /// <param name="run">The program.</param>
    /// <param name="cancellationToken">Cancels printing.</param>
    internal static async Task<int> ReportAsync(
        ProgramHost host, string verb, string title, OperationStack target, bool json, Func<Task<(RunbookReport Report, string Path)>> run, CancellationToken cancellationToken)
    {
        var error = host.Error ?? Console.Error;
        var output = host.Out ?? Console.Out;
        RunbookReport report;
        string path;
        try
        {
            (report, path) = await run();
        }
        catch (OperationRefusedException e)
        {
            await error.WriteLineAsync($"kubedos {verb}: {e.Message}");
            return e.AskedWrong ? ExitCodes.Usage : ExitCodes.OperationFailed;
        }

        if (json)
        {
            await output.WriteLineAsync(new JsonObject { ["runbook"] = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken)), ["report"] = path }.ToJsonString());
        }
        else
        {
            await output.WriteLineAsync($"{char.ToUpperInvariant(title[0])}{title[1..]} ({target.Name}): {(report.Passed ? "passed" : "FAILED")}, {report.Steps.Count} of {report.StepsPlanned} steps in {(report.Finished - report.Started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
            foreach (var problem in report.Problems)
            {
                await output.WriteLineAsync($"    {problem}");
            }

            await output.WriteLineAsync($"Report: {path}");
        }

        return report.Passed ? ExitCodes.Success : ExitCodes.OperationFailed;
    }
}
