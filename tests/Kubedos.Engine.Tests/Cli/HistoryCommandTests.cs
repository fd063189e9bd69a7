using System.Text.Json.Nodes;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Cli;

public sealed class HistoryCommandTests
{
    [Fact]
    public async Task History_NeverUpdated_SaysSo()
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");

        await p.RunOkAsync("stack", "history");

        Assert.Contains("Stack has never been updated", p.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_Text_NewestFirstWithKindStatusAndChanges()
    {
        using var p = await TwoOperationsAsync();

        await p.RunOkAsync("stack", "history");

        var screen = p.Screen[p.Screen.IndexOf("Version: 2", StringComparison.Ordinal)..];
        Assert.True(screen.IndexOf("Version: 2", StringComparison.Ordinal) < screen.IndexOf("Version: 1", StringComparison.Ordinal));
        Assert.Contains("UpdateKind: refresh", screen, StringComparison.Ordinal);
        Assert.Contains("UpdateKind: update", screen, StringComparison.Ordinal);
        Assert.Contains("Status: succeeded", screen, StringComparison.Ordinal);
        Assert.Contains("+2-0~0+-0 0 Updated 5 minutes ago took", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_Json_PulumiShapeAndPaging()
    {
        using var p = await TwoOperationsAsync();

        await p.RunOkAsync("stack", "history", "--json", "--page-size", "1", "--page", "2");

        var entry = Assert.Single(JsonNode.Parse(p.Out)!.AsArray())!;
        Assert.Equal(1, entry["version"]!.GetValue<int>());
        Assert.Equal("update", entry["kind"]!.GetValue<string>());
        Assert.Equal("succeeded", entry["result"]!.GetValue<string>());
        Assert.Equal("2026-11-23 12:00:00 +0000 UTC", entry["startTime"]!.GetValue<string>());
        Assert.Equal(2, entry["resourceChanges"]!["create"]!.GetValue<int>());
        Assert.NotNull(entry["message"]);
        Assert.NotNull(entry["environment"]);
        Assert.NotNull(entry["config"]);
        Assert.NotNull(entry["endTime"]);
    }

    [Fact]
    public async Task History_PageBelowOne_IsTheFirstPageAsInPulumi()
    {
        using var p = await TwoOperationsAsync();

        await p.RunOkAsync("stack", "history", "--json", "--page-size", "1", "--page", "0");

        Assert.Equal(2, Assert.Single(JsonNode.Parse(p.Out)!.AsArray())!["version"]!.GetValue<int>());
    }

    private static async Task<CliProject> TwoOperationsAsync()
    {
        var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "1" }));
        await p.RunOkAsync("up", "--yes");
        p.Time.Advance(TimeSpan.FromMinutes(1));
        await p.RunOkAsync("refresh", "--yes");
        p.Time.Advance(TimeSpan.FromMinutes(4));
        return p;
    }
}
