using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubedos.Operations.Runbooks;

/// <summary>
/// A runbook run's record (<c>out/&lt;stack&gt;/runbooks/&lt;UTC timestamp&gt;-&lt;runbook&gt;.json</c>, carried into the recovery
/// bundle's <c>runbooks/</c> by the seal): each step's timestamps, what it renewed and the gates after it, the verdict,
/// the acceptance report it ended with and the operations log's head.
/// </summary>
internal sealed record RunbookReport(
    string Runbook,
    string What,
    string Stack,
    string Cluster,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    IReadOnlyList<RunbookStepResult> Steps,
    int StepsPlanned,
    IReadOnlyList<string> Failures)
{
    /// <summary>Every step ran and passed, and nothing else failed.</summary>
    public bool Passed => Failures.Count == 0 && Steps.Count == StepsPlanned && Steps.All(s => s.Passed);

    /// <summary>Every reason the run failed, the steps' first.</summary>
    public IReadOnlyList<string> Problems => [.. Steps.SelectMany(s => s.Failures.Select(f => $"{s.Step.Kind} {s.Step.Subject}: {f}")), .. Failures];

    public string FileName => $"{Started.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{Runbook}.json";

    public JsonObject ToJson(string? acceptanceReportSha256, string? operationsLogHead) => new()
    {
        ["runbook"] = Runbook,
        ["what"] = What,
        ["stack"] = Stack,
        ["cluster"] = Cluster,
        ["startedAt"] = Time(Started),
        ["finishedAt"] = Time(Finished),
        ["seconds"] = Seconds(Finished - Started),
        ["manualSteps"] = 0,
        ["stepsPlanned"] = StepsPlanned,
        ["steps"] = new JsonArray([.. Steps.Select(s => (JsonNode?)new JsonObject
        {
            ["subject"] = s.Step.Subject,
            ["kind"] = s.Step.Kind,
            ["replaced"] = new JsonArray([.. s.Step.Resources.Select(r => (JsonNode?)$"{r.Type}::{r.Name}")]),
            ["startedAt"] = Time(s.Started),
            ["finishedAt"] = Time(s.Finished),
            ["seconds"] = Seconds(s.Finished - s.Started),
            ["done"] = new JsonArray([.. s.Done.Select(r => (JsonNode?)r)]),
            ["gates"] = new JsonObject(s.Gates.Select(g => KeyValuePair.Create<string, JsonNode?>(g.Key, g.Value))),
            ["verdict"] = s.Passed ? "passed" : "failed",
            ["failures"] = new JsonArray([.. s.Failures.Select(f => (JsonNode?)f)]),
        })]),
        ["acceptanceReportSha256"] = acceptanceReportSha256,
        ["operationsLogHead"] = operationsLogHead,
        ["verdict"] = Passed ? "passed" : "failed",
        ["failures"] = new JsonArray([.. Problems.Select(f => (JsonNode?)f)]),
    };

    /// <summary>Writes the report under <paramref name="outDirectory"/>'s <c>runbooks/</c> and returns its path.</summary>
    public string Write(string outDirectory, string? acceptanceReportSha256, string? operationsLogHead)
    {
        var directory = Path.Combine(outDirectory, Seal.Bundle.BundleLayout.RunbookReportsDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path + ".tmp", ToJson(acceptanceReportSha256, operationsLogHead).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static double Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 3);
}
