using System.CommandLine;
using System.Text.Json.Nodes;
using Kubedos.Components.Acceptance;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Cli;
using Kubedos.Engine.Config;
using Kubedos.Engine.Model;
using Kubedos.Engine.Secrets;
using Kubedos.Operations.Gates;
using Spectre.Console;

namespace Kubedos.Cli;

/// <summary>
/// <c>kubedos acceptance [--stack S] [--json] [--policy-config FILE]</c>: runs the acceptance gates again on a stack
/// that is up. It is <c>up --target P --replace P</c> for every custom resource P under the stack's
/// <c>kubedos:components:Acceptance</c>, so each probe runs again and nothing outside the gates changes.
/// </summary>
/// <remarks>
/// Exit codes are the engine's (engine.Cli/README.md): 0 every gate passed, 1 a gate failed (the verdict names each
/// failed probe), 4 a mandatory policy refused the run, 7 no state or no gates in it.
/// </remarks>
internal static class AcceptanceCommand
{
    public static Command Create(ProgramHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var stack = new Option<string?>("--stack", "-s") { Description = "The stack (default: KUBEDOS_STACK, else the selected stack)" };
        var json = new Option<bool>("--json", "-j") { Description = "Print the engine events as JSON lines, then one {\"acceptance\": ...} line (secrets masked)" };
        var policyConfig = new Option<string?>("--policy-config") { Description = "A policy config file ({\"all\": level, \"<policy>\": level}) overriding enforcement levels" };
        var command = new Command(
            "acceptance",
            "Run the acceptance gates again on a stack that is up; a failing gate fails the command. Only the gates' probe and verdict commands "
            + "run again (nothing else is changed), so no confirmation is asked. Evidence: out/<stack>/recovery-bundle/acceptance-report.json")
        {
            stack, json, policyConfig,
        };
        command.SetAction((parse, cancellationToken) => Verb(host, parse.GetValue(stack), parse.GetValue(json), parse.GetValue(policyConfig)).RunAsync(host, cancellationToken));
        return command;
    }

    /// <summary>The update the verb runs: the gates' probes as targets and replacements, then the per-gate verdict.</summary>
    public static UpdateVerb Verb(ProgramHost host, string? stack, bool json, string? policyConfig) =>
        new("acceptance", async (s, cancellationToken) =>
        {
            var gates = AcceptanceTargets.Of(await s.GetCheckpointAsync(cancellationToken), s.Name);
            var probes = gates.Probes.Select(u => u.Value).ToList();
            return new UpdateOptions { Target = probes, Replace = probes };
        })
        {
            Stack = stack,
            Json = json,
            PolicyConfig = policyConfig,
            ReportAsync = (s, cancellationToken) => ReportAsync(host, s, json, cancellationToken),
        };

    /// <summary>Where the Kube'd'OS program writes the report: <c>&lt;kubedos:outDir, default out&gt;/&lt;stack&gt;/recovery-bundle/acceptance-report.json</c>.</summary>
    public static string ReportPath(ProgramHost host, string stack)
    {
        ArgumentNullException.ThrowIfNull(host);
        var config = new StackConfigStore(host.WorkDir, stack, new PassphraseSource(host.Environment ?? Environment.GetEnvironmentVariable));
        var outDirectory = Path.GetFullPath(config.Get("kubedos:outDir")?.Text ?? "out", host.WorkDir);
        return AcceptanceReport.PathIn(Path.Combine(outDirectory, stack));
    }

    // Reached only when the update succeeded, that is when every verdict command passed.
    private static async Task ReportAsync(ProgramHost host, WorkspaceStack stack, bool json, CancellationToken cancellationToken)
    {
        var checkpoint = await stack.GetCheckpointAsync(cancellationToken);
        var gates = AcceptanceTargets.Of(checkpoint, stack.Name).Components
            .SelectMany(c => GatesOf(c.Outputs))
            .ToList();
        var report = ReportPath(host, stack.Name);
        if (json)
        {
            var line = new JsonObject
            {
                ["acceptance"] = new JsonObject
                {
                    ["stack"] = stack.Name,
                    ["verdict"] = "passed",
                    ["gates"] = new JsonObject(gates.Select(g => KeyValuePair.Create<string, JsonNode?>(g.Gate, g.Verdict))),
                    ["report"] = File.Exists(report) ? report : null,
                },
            };
            await (host.Out ?? Console.Out).WriteLineAsync(line.ToJsonString());
            return;
        }

        var console = host.Console ?? ProcessConsole.Instance;
        console.WriteLine();
        console.MarkupLine($"[bold]Acceptance ({Markup.Escape(stack.Name)}):[/] [green]passed[/]");
        foreach (var (gate, verdict) in gates)
        {
            console.MarkupLine($"    {Markup.Escape(gate)}: {Markup.Escape(verdict)}");
        }

        var shown = Path.GetRelativePath(host.WorkDir, report);
        console.WriteLine(File.Exists(report)
            ? $"Report: {(shown.StartsWith("..", StringComparison.Ordinal) ? report : shown)}"
            : $"No report was written at {report}");
    }

    // The component's `gates` output: gate -> passed|failed.
    private static IEnumerable<(string Gate, string Verdict)> GatesOf(PropertyMap outputs) =>
        outputs.GetOrDefault("gates")?.Unwrapped is { Kind: PropertyValueKind.Object } gates
            ? gates.AsObject().Select(kv => (kv.Key, kv.Value.Unwrapped.Kind == PropertyValueKind.String ? kv.Value.Unwrapped.AsString() : kv.Value.ToString()))
            : [];
}
