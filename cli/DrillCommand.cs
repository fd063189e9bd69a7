using System.CommandLine;
using System.Text.Json.Nodes;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Cli;
using Kubedos.Engine.Config;
using Kubedos.Engine.Secrets;
using Kubedos.Operations.Drills;
using Kubedos.Spec.Normalisation;
using Kubedos.Spec.Validation;

namespace Kubedos.Cli;

/// <summary>
/// <c>kubedos drill run NAME --stack S [--node N] [--json]</c>: a thin wrapper over <see cref="DrillProgram"/>. Exit 0 when
/// the drill passed, 1 when a gate failed, the recovery failed or took longer than its target, 2 for a drill or node the
/// spec does not declare, 7 when the stack was never brought up.
/// </summary>
internal static class DrillCommand
{
    public static Command Create(ProgramHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = new Argument<string>("name") { Description = "The drill, as spec.acceptance.drills names it (delete-worker, delete-control-plane)" };
        var stack = new Option<string?>("--stack", "-s") { Description = "The stack (default: KUBEDOS_STACK)" };
        var node = new Option<string?>("--node") { Description = "The node to fail (default: the last node of the drill's role)" };
        var json = new Option<bool>("--json", "-j") { Description = "Print the report as one JSON line" };
        var run = new Command(
            "run",
            "Fail a node out of band like a host failure, let the acceptance gates detect it, recover through the engine (up --refresh) and "
            + "write the timed report to out/<stack>/recovery-bundle/drills/. Destructive to the node it fails: run it on a lab.")
        {
            name, stack, node, json,
        };
        run.SetAction((parse, cancellationToken) => CommandFailure.RunAsync(host.Error ?? Console.Error, "drill run", () =>
            RunAsync(host, parse.GetValue(name)!, parse.GetValue(stack), parse.GetValue(node), parse.GetValue(json), cancellationToken)));
        return new Command("drill", "Replace-don't-repair drills (spec §17.2)") { run };
    }

    private static async Task<int> RunAsync(ProgramHost host, string name, string? stackOption, string? node, bool json, CancellationToken cancellationToken)
    {
        var environment = host.Environment ?? Environment.GetEnvironmentVariable;
        var error = host.Error ?? Console.Error;
        var output = host.Out ?? Console.Out;
        var stackName = stackOption ?? environment("KUBEDOS_STACK");
        if (stackName is null || StackNameRule.Problem(stackName) is { } invalid)
        {
            await error.WriteLineAsync($"kubedos drill run: {(stackName is null ? "give --stack S (or set KUBEDOS_STACK)" : StackNameRule.Problem(stackName))}");
            return ExitCodes.Usage;
        }

        if (StackSpecLocator.Locate(host.WorkDir, stackName, out var problem) is not { } specPath)
        {
            await error.WriteLineAsync($"kubedos drill run: {problem}");
            return ExitCodes.Usage;
        }

        var loaded = SpecValidator.ValidateFile(specPath);
        if (!loaded.Succeeded)
        {
            foreach (var diagnostic in loaded.Diagnostics)
            {
                await error.WriteLineAsync(diagnostic.ToString());
            }

            return ExitCodes.InvalidSpec;
        }

        var cluster = SpecNormaliser.Normalise(loaded.Document!);
        DrillPlan plan;
        IHostFailure failure;
        try
        {
            plan = DrillPlan.From(cluster, name, node);
            failure = HostFailures.For(cluster.Substrate.Type);
        }
        catch (DrillRefusedException e)
        {
            await error.WriteLineAsync($"kubedos drill run: {e.Message}");
            return ExitCodes.Usage;
        }

        var workspace = Workspace.Create(new WorkspaceOptions
        {
            WorkDir = host.WorkDir,
            Providers = host.Providers,
            Program = host.Program,
            Passphrase = new PassphraseSource(environment),
            Environment = environment,
            Time = host.Time,
            PolicyPacks = host.PolicyPacks,
        });
        var stack = await workspace.SelectStackAsync(stackName, cancellationToken);
        var config = new StackConfigStore(host.WorkDir, stackName, new PassphraseSource(environment));
        var outDirectory = Path.Combine(Path.GetFullPath(config.Get("kubedos:outDir")?.Text ?? "out", host.WorkDir), stackName);
        DrillReport report;
        string path;
        try
        {
            (report, path) = await DrillProgram.RunAsync(stack, cluster.Name, plan, outDirectory, new DrillOptions
            {
                HostFailure = failure,
                Time = host.Time,
                OnPhase = json ? null : (phase, at) => output.WriteLine($"{DrillReport.Name(phase),-9} {at.UtcDateTime:HH:mm:ss.fff}Z"),
            }, cancellationToken);
        }
        catch (DrillRefusedException e)
        {
            await error.WriteLineAsync($"kubedos drill run: {e.Message}");
            return e.AskedWrong ? ExitCodes.Usage : ExitCodes.OperationFailed;
        }

        if (json)
        {
            await output.WriteLineAsync(new JsonObject { ["drill"] = report.ToJson(), ["report"] = path }.ToJsonString());
        }
        else
        {
            await output.WriteLineAsync($"Drill {plan.Name} ({stackName}, node {plan.Node}): {(report.Passed ? "passed" : "FAILED")}");
            await output.WriteLineAsync($"    recovery {report.Recovery?.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} s, target {report.Target.TotalSeconds:0} s, manual steps {DrillReport.ManualSteps}");
            foreach (var problemLine in report.Problems)
            {
                await output.WriteLineAsync($"    {problemLine}");
            }

            await output.WriteLineAsync($"Report: {path}");
        }

        return report.Passed ? ExitCodes.Success : ExitCodes.OperationFailed;
    }
}
