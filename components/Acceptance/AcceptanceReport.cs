using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubedos.Components.Acceptance;

/// <summary>Writes <c>out/&lt;stack&gt;/recovery-bundle/acceptance-report.json</c>: per gate, what it tried, when, and what it saw.</summary>
internal static class AcceptanceReport
{
    public static string PathIn(string stackOutDirectory) => Path.Combine(stackOutDirectory, "recovery-bundle", "acceptance-report.json");

    public static string Render(string stack, string cluster, AcceptanceVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var gates = new JsonArray();
        foreach (var gate in verdict.Gates)
        {
            var results = verdict.Results.Where(r => r.Gate == gate).ToList();
            var probes = new JsonArray();
            foreach (var r in results)
            {
                probes.Add(new JsonObject
                {
                    ["from"] = r.From,
                    ["to"] = r.To,
                    ["tried"] = r.What,
                    ["expected"] = r.Expect.ToString(),
                    ["passed"] = r.Passed,
                    ["exitCode"] = r.ExitCode,
                    ["saw"] = r.Saw,
                    ["startedAt"] = r.StartedAt,
                    ["finishedAt"] = r.FinishedAt,
                });
            }

            gates.Add(new JsonObject
            {
                ["gate"] = gate,
                ["passed"] = verdict.GatePassed(gate),
                ["startedAt"] = results.Count == 0 ? null : results.Select(r => r.StartedAt).Min(StringComparer.Ordinal),
                ["finishedAt"] = results.Count == 0 ? null : results.Select(r => r.FinishedAt).Max(StringComparer.Ordinal),
                ["probes"] = probes,
            });
        }

        var report = new JsonObject
        {
            ["stack"] = stack,
            ["cluster"] = cluster,
            ["verdict"] = verdict.Passed ? "passed" : "failed",
            ["gates"] = gates,
        };
        return report.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public static void Write(string stackOutDirectory, string stack, string cluster, AcceptanceVerdict verdict)
    {
        var path = PathIn(stackOutDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Render(stack, cluster, verdict));
    }
}
