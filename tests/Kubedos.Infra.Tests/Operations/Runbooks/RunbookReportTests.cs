using System.Text.Json.Nodes;
using Kubedos.Operations.Runbooks;

namespace Kubedos.Infra.Tests.Operations.Runbooks;

public sealed class RunbookReportTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
    private readonly string _out = Directory.CreateTempSubdirectory("kubedos-runbook-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private static RunbookStepResult Step(string node, double seconds, params string[] failures) =>
        new(new RunbookStep(node, RotationPlan.WireGuard, [(RotationPlan.KeyPairType, $"{node}-wg1")]), Start, Start.AddSeconds(seconds), failures.Length == 0 ? [$"{node}-wg1: new key"] : [],
            new Dictionary<string, string> { ["backplane-matrix"] = failures.Length == 0 ? "passed" : "failed" }, failures);

    [Fact]
    public void Passed_OnlyWhenEveryPlannedStepRanAndPassed()
    {
        var all = new RunbookReport("rotate", "wireguard", "lab-01", "lab-01", Start, Start.AddSeconds(30), [Step("cp-1", 10), Step("w-1", 20)], 2, []);
        var short1 = all with { StepsPlanned = 3 };
        var failed = all with { Steps = [Step("cp-1", 10), Step("w-1", 20, "gate backplane-matrix is failed after the step")], Failures = ["stopped after wireguard w-1: 0 later step(s) not run"] };

        Assert.True(all.Passed);
        Assert.False(short1.Passed);
        Assert.False(failed.Passed);
        Assert.Equal(["wireguard w-1: gate backplane-matrix is failed after the step", "stopped after wireguard w-1: 0 later step(s) not run"], failed.Problems);
    }

    [Fact]
    public void Write_DatedFileUnderRunbooks_WithStepsTimesGatesAndTheLogsHead()
    {
        var report = new RunbookReport("rotate", "wireguard", "lab-01", "lab-01", Start, Start.AddSeconds(30), [Step("cp-1", 10)], 1, []);

        var path = report.Write(_out, new string('a', 64), "sha256:" + new string('b', 64));

        Assert.Equal(Path.Combine(_out, "runbooks", "20261206T100000Z-rotate.json"), path);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal("passed", json["verdict"]!.GetValue<string>());
        Assert.Equal(30, json["seconds"]!.GetValue<double>());
        var step = json["steps"]![0]!;
        Assert.Equal(("cp-1", 10.0, "passed"), (step["subject"]!.GetValue<string>(), step["seconds"]!.GetValue<double>(), step["gates"]!["backplane-matrix"]!.GetValue<string>()));
        Assert.Equal("wireguard:index:KeyPair::cp-1-wg1", step["replaced"]![0]!.GetValue<string>());
        Assert.Equal("sha256:" + new string('b', 64), json["operationsLogHead"]!.GetValue<string>());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_out, "runbooks"), "*.tmp"));
    }
}
