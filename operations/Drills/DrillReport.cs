using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubedos.Operations.Drills;

/// <summary>
/// A drill's record for the recovery bundle (<c>out/&lt;stack&gt;/drills/&lt;UTC timestamp&gt;-&lt;name&gt;.json</c>, sealed into the bundle's <c>drills/</c>):
/// phase timestamps, recovery time against <c>expectRecoveryMinutes</c> and <c>mttrTargetMinutes</c>, manual steps, what the
/// recovery renewed, quorum and gates, the verdict and every failure.
/// </summary>
internal sealed record DrillReport(
    DrillPlan Plan,
    string Stack,
    string Cluster,
    string Fault,
    IReadOnlyDictionary<DrillPhase, DateTimeOffset> Phases,
    string? DetectedBy,
    TimeSpan? AppliedTarget,
    IReadOnlyList<string> Renewed,
    int GateResourcesRerun,
    int GateResources,
    IReadOnlyDictionary<string, string> Gates,
    string Quorum,
    IReadOnlyList<string> Failures)
{
    /// <summary>No person acts during a drill: every step is the program's.</summary>
    public const int ManualSteps = 0;

    /// <summary>Fault to verified: how long the cluster was not known good.</summary>
    public TimeSpan? Recovery =>
        Phases.TryGetValue(DrillPhase.Fault, out var fault) && Phases.TryGetValue(DrillPhase.Verified, out var verified) ? verified - fault : null;

    /// <summary>The target the recovery is held to: a test's, else the tighter of the spec's two.</summary>
    public TimeSpan Target => AppliedTarget ?? Plan.Target;

    public bool WithinTarget => Recovery is { } r && r <= Target;

    public bool Passed => Failures.Count == 0 && WithinTarget;

    /// <summary>Every reason the drill failed: its failures, and a recovery over its target.</summary>
    public IReadOnlyList<string> Problems => Recovery is { } r && r > Target
        ? [.. Failures, $"recovery took {Seconds(r)} s, over the target of {Seconds(Target)} s"]
        : Failures;

    /// <summary>The report's file name: <c>20261206T071500Z-delete-worker.json</c>, from the fault's time.</summary>
    public string FileName => $"{Phases.GetValueOrDefault(DrillPhase.Fault).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{Plan.Name}.json";

    public JsonObject ToJson()
    {
        var phases = new JsonObject();
        foreach (var phase in Enum.GetValues<DrillPhase>())
        {
            phases[Name(phase)] = Phases.TryGetValue(phase, out var at) ? at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) : null;
        }

        return new JsonObject
        {
            ["drill"] = Plan.Name,
            ["stack"] = Stack,
            ["cluster"] = Cluster,
            ["node"] = Plan.Node,
            ["role"] = Plan.Role == Spec.Model.NodeRole.ControlPlane ? "control-plane" : "worker",
            ["fault"] = Fault,
            ["phases"] = phases,
            ["detectedBy"] = DetectedBy,
            ["detectionSeconds"] = Between(DrillPhase.Fault, DrillPhase.Detected),
            ["recoverySeconds"] = Recovery is { } r ? Seconds(r) : null,
            ["expectRecoveryMinutes"] = Plan.ExpectRecovery.TotalMinutes,
            ["mttrTargetMinutes"] = Plan.MttrTarget.TotalMinutes,
            ["targetSeconds"] = Seconds(Target),
            ["withinExpectRecovery"] = Recovery is { } e && e <= Plan.ExpectRecovery,
            ["withinMttrTarget"] = Recovery is { } m && m <= Plan.MttrTarget,
            ["withinTarget"] = WithinTarget,
            ["manualSteps"] = ManualSteps,
            ["renewed"] = new JsonArray([.. Renewed.Select(r => (JsonNode?)r)]),
            ["gateResourcesRerun"] = GateResourcesRerun,
            ["gateResources"] = GateResources,
            ["gates"] = new JsonObject(Gates.Select(g => KeyValuePair.Create<string, JsonNode?>(g.Key, g.Value))),
            ["quorum"] = Quorum,
            ["verdict"] = Passed ? "passed" : "failed",
            ["failures"] = new JsonArray([.. Problems.Select(f => (JsonNode?)f)]),
        };
    }

    /// <summary>Writes the report under <paramref name="outDirectory"/> (<c>out/&lt;stack&gt;</c>) and returns its path.</summary>
    public string Write(string outDirectory)
    {
        var directory = Path.Combine(outDirectory, Seal.Bundle.BundleLayout.DrillsDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return path;
    }

    public static string Name(DrillPhase phase) => phase.ToString().ToLowerInvariant();

    private double? Between(DrillPhase from, DrillPhase to) =>
        Phases.TryGetValue(from, out var a) && Phases.TryGetValue(to, out var b) ? Seconds(b - a) : null;

    private static double Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 3);
}
