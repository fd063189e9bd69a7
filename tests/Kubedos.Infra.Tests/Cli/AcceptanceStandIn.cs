using Kubedos.Engine.Model;
using Kubedos.Providers.Command;
using AcceptanceComponent = Kubedos.Components.Acceptance.AcceptanceGates;

namespace Kubedos.Infra.Tests.Cli;

/// <summary>
/// A <c>kubedos:components:Acceptance</c> shaped like the real one, without a lab: two probe commands on this machine
/// (one inside a nested component), a report written by the program, and a verdict command that exits 1 naming
/// every failed probe. A probe fails while <c>break-&lt;probe&gt;</c> exists in the given directory;
/// each run appends a line to <c>runs.log</c>.
/// </summary>
internal sealed class AcceptanceStandIn : ComponentResource
{
    public AcceptanceStandIn(string name, string directory, string reportPath, Input<string> nodeReady, ResourceOptions? options = null)
        : base(AcceptanceComponent.TypeToken, name, options)
    {
        var here = new ResourceOptions { Parent = this, DependsOn = options?.DependsOn ?? [] };
        var matrix = Probe("cp-1-acceptance-probes", "backplane-matrix", "cp-1 -> cp-2 wg1", directory, nodeReady, here);
        var nested = new ComponentResource("test:acceptance:Operator", "operator", here);
        var baseline = Probe("operator-probes", "security-baseline", "operator -> cp-1 ssh password refused", directory, nodeReady, new ResourceOptions { Parent = nested });

        var results = Output.All(matrix.Stdout, baseline.Stdout).Apply(lines => (IReadOnlyList<string>)[.. lines.Select(l => l.Trim())]);
        _ = results.Apply(lines =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);
            File.WriteAllText(reportPath, string.Join('\n', lines) + "\n");
            return true;
        });
        var failed = results.Apply(lines => string.Join('\n', lines.Where(l => l.EndsWith("FAILED", StringComparison.Ordinal))));
        var verdict = new LocalCommand("verdict", new LocalCommandArgs
        {
            Create = failed.Apply(f => $"echo verdict >> '{directory}/runs.log'; " + (f.Length == 0 ? "echo passed" : "printf '%s\\n' \"$KUBEDOS_VERDICT\" >&2; exit 1")),
            Environment = new Dictionary<string, Input<string>> { ["KUBEDOS_VERDICT"] = failed },
        }, here);
        Gates = results.Apply(lines => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["backplane-matrix"] = lines[0].EndsWith("FAILED", StringComparison.Ordinal) ? "failed" : "passed",
            ["security-baseline"] = lines[1].EndsWith("FAILED", StringComparison.Ordinal) ? "failed" : "passed",
        });
        Verdict = verdict.Stdout.Apply(s => s.Trim());
        RegisterOutputs(new Dictionary<string, object?> { ["verdict"] = Verdict, ["gates"] = Gates });
    }

    public Output<string> Verdict { get; }

    public Output<Dictionary<string, string>> Gates { get; }

    private static LocalCommand Probe(string name, string gate, string flow, string directory, Input<string> nodeReady, ResourceOptions options) =>
        new(name, new LocalCommandArgs
        {
            Create = nodeReady.ToOutput().Apply(ready =>
                $"echo {name} >> '{directory}/runs.log'; "
                + $"if [ -e '{directory}/break-{name}' ]; then echo '{gate} {flow} on {ready} FAILED'; else echo '{gate} {flow} on {ready} ok'; fi"),
        }, options);
}
