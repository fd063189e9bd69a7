using System.Text.Json.Nodes;
using Kubedos.Operations.Drills;
using Kubedos.Spec.Model;

namespace Kubedos.Infra.Tests.Operations.Drills;

public sealed class DrillReportTests : IDisposable
{
    private static readonly DateTimeOffset Fault = new(2026, 12, 6, 7, 15, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("kubedos-drill-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static DrillReport Report(TimeSpan recovery, TimeSpan? target = null, IReadOnlyList<string>? failures = null) => new(
        new DrillPlan(DrillPlan.DeleteWorker, "w-1", NodeRole.Worker, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30)),
        "lab-01",
        "lab-01",
        "processes killed",
        new Dictionary<DrillPhase, DateTimeOffset>
        {
            [DrillPhase.Fault] = Fault,
            [DrillPhase.Detected] = Fault.AddSeconds(2),
            [DrillPhase.Recovered] = Fault + recovery - TimeSpan.FromSeconds(1),
            [DrillPhase.Verified] = Fault + recovery,
        },
        "verdict: verify failed",
        target,
        ["instance"],
        40,
        40,
        new Dictionary<string, string> { ["backplane-matrix"] = "passed" },
        "not applicable: a worker holds no etcd member",
        failures ?? []);

    [Fact]
    public void Write_APassedDrill_RecordsPhasesTargetsManualStepsAndVerdictUnderTheBundle()
    {
        var path = Report(TimeSpan.FromSeconds(12.5)).Write(_dir);

        Assert.Equal(Path.Combine(_dir, "drills", "20261206T071500Z-delete-worker.json"), path);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal("passed", json["verdict"]!.GetValue<string>());
        Assert.Equal(12.5, json["recoverySeconds"]!.GetValue<double>());
        Assert.Equal(2, json["detectionSeconds"]!.GetValue<double>());
        Assert.Equal(10, json["expectRecoveryMinutes"]!.GetValue<double>());
        Assert.Equal(30, json["mttrTargetMinutes"]!.GetValue<double>());
        Assert.Equal(0, json["manualSteps"]!.GetValue<int>());
        Assert.Equal("2026-12-06T07:15:00.0000000Z", json["phases"]!["fault"]!.GetValue<string>());
        Assert.NotNull(json["phases"]!["verified"]);
        Assert.Empty(json["failures"]!.AsArray());
    }

    [Fact]
    public void Passed_RecoveryOverTheTarget_FailsNamingBothTimes()
    {
        var report = Report(TimeSpan.FromSeconds(3), target: TimeSpan.FromSeconds(1));

        Assert.False(report.Passed);
        Assert.Equal("failed", report.ToJson()["verdict"]!.GetValue<string>());
        Assert.Contains("recovery took 3 s, over the target of 1 s", Assert.Single(report.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Passed_AFailureWithinTheTarget_StillFails()
    {
        var report = Report(TimeSpan.FromSeconds(3), failures: ["node w-1 kept its wg1 key"]);

        Assert.False(report.Passed);
        Assert.Equal(["node w-1 kept its wg1 key"], report.Problems);
    }
}
