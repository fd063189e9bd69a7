using System.CommandLine;
using System.Text.Json.Nodes;
using Kubedos.Engine.Cli;
using Kubedos.Operations;
using Kubedos.Operations.Drills;

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
            + "write the timed report to out/<stack>/drills/, sealed into the recovery bundle. Destructive to the node it fails: run it on a lab.")
        {
            name, stack, node, json,
        };
        run.SetAction((parse, cancellationToken) => CommandFailure.RunAsync(host.Error ?? Console.Error, "drill run", () =>
            RunAsync(host, parse.GetValue(name)!, parse.GetValue(stack), parse.GetValue(node), parse.GetValue(json), cancellationToken)));
        return new Command("drill", "Replace-don't-repair drills (spec §17.2)") { run };
    }

    private static async Task<int> RunAsync(ProgramHost host, string name, string? stackOption, string? node, bool json, CancellationToken cancellationToken)
    {
        var error = host.Error ?? Console.Error;
        var output = host.Out ?? Console.Out;
        var (target, exitCode) = await OperationStack.OpenAsync(host, "drill run", stackOption, cancellationToken);
        if (target is null)
        {
            return exitCode;
        }

        var (stackName, cluster) = (target.Name, target.Cluster);
        DrillPlan plan;
        IHostFailure failure;
        IQuorumWitness? quorum;
        try
        {
            plan = DrillPlan.From(cluster, name, node);
            failure = HostFailures.For(cluster.Substrate.Type);
            quorum = QuorumWitnesses.For(cluster, stackName, plan);
        }
        catch (OperationRefusedException e)
        {
            await error.WriteLineAsync($"kubedos drill run: {e.Message}");
            return ExitCodes.Usage;
        }

        var stack = await target.SelectAsync(cancellationToken);
        var outDirectory = target.OutDirectory;
        DrillReport report;
        string path;
        try
        {
            (report, path) = await DrillProgram.RunAsync(stack, cluster.Name, plan, outDirectory, new DrillOptions
            {
                HostFailure = failure,
                Quorum = quorum,
                Time = host.Time,
                OnPhase = json ? null : (phase, at) => output.WriteLine($"{DrillReport.Name(phase),-9} {at.UtcDateTime:HH:mm:ss.fff}Z"),
            }, cancellationToken);
        }
        catch (OperationRefusedException e)
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
