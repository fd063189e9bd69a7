using System.Text.Json.Nodes;
using Kubedos.Engine.Cli;
using Kubedos.Engine.Model;
using Kubedos.Engine.State;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Cli;

public sealed class OperationCommandsTests
{
    [Fact]
    public async Task Up_Yes_CreatesAndShowsEachResourceAndSummary()
    {
        using var p = await InitAsync();
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "x" }));

        await p.RunOkAsync("up", "--yes");

        Assert.Single(p.Provider.Live);
        Assert.Contains("Updating (dev):", p.Screen, StringComparison.Ordinal);
        Assert.Contains(" +  fake:index:Thing a creating", p.Screen, StringComparison.Ordinal);
        Assert.Contains(" +  fake:index:Thing a created (0.0s)", p.Screen, StringComparison.Ordinal);
        Assert.Contains("Resources:", p.Screen, StringComparison.Ordinal);
        Assert.Contains("+ 2 created", p.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_Refresh_RecreatesAResourceGoneOutOfBandInOneRun()
    {
        using var p = await InitAsync();
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "x" }));
        await p.RunOkAsync("up", "--yes");
        p.Provider.Live.Clear();

        await p.RunOkAsync("up", "--yes");
        Assert.Empty(p.Provider.Live);
        await p.RunOkAsync("up", "--yes", "--refresh");

        Assert.Single(p.Provider.Live);
        Assert.Contains(" +  fake:index:Thing a created", p.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_NotInteractiveWithoutYes_RefusesWithNotConfirmedAndChangesNothing()
    {
        using var p = await InitAsync();
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "x" }));

        var code = await p.RunAsync("up");

        Assert.Equal(EngineExitCodes.NotConfirmed, code);
        Assert.Contains("--yes", p.Error, StringComparison.Ordinal);
        Assert.Empty(p.Provider.Live);
    }

    [Fact]
    public async Task Up_InteractiveDeclined_ShowsPreviewAsksAndChangesNothing()
    {
        using var p = await InitAsync(interactive: true);
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "x" }));
        p.Answer = false;

        var code = await p.RunAsync("up", "--diff");

        Assert.Equal(EngineExitCodes.NotConfirmed, code);
        Assert.Equal(["Do you want to perform this update?"], p.Questions);
        Assert.Contains("Previewing update (dev):", p.Screen, StringComparison.Ordinal);
        Assert.Contains("+ 2 to create", p.Screen, StringComparison.Ordinal);
        Assert.Empty(p.Provider.Live);
    }

    [Fact]
    public async Task Up_InteractiveConfirmed_Creates()
    {
        using var p = await InitAsync(interactive: true);
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "x" }));
        p.Answer = true;

        await p.RunOkAsync("up", "--diff");

        Assert.Single(p.Provider.Live);
    }

    [Fact]
    public async Task Up_InteractiveTerminal_DrawsLiveTableAndSummary()
    {
        using var p = await InitAsync(interactive: true);
        p.Console.Profile.Capabilities.Interactive = true;
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "x" }));

        await p.RunOkAsync("up", "--yes");

        Assert.Single(p.Provider.Live);
        Assert.Contains("Status", p.Screen, StringComparison.Ordinal);
        Assert.Contains("created", p.Screen, StringComparison.Ordinal);
        Assert.Contains("+ 2 created", p.Screen, StringComparison.Ordinal);
        Assert.Empty(p.Questions);
    }

    [Fact]
    public async Task Preview_Diff_ShowsPropertyChangesAndWhatForcedEachReplace()
    {
        using var p = await InitAsync();
        p.Program(s =>
        {
            _ = new Thing("kept", new ThingArgs { Value = "old" });
            _ = new Thing("swapped", new ThingArgs { Value = "v", Immutable = "one" });
        });
        await p.RunOkAsync("up", "--yes");
        p.Program(s =>
        {
            _ = new Thing("kept", new ThingArgs { Value = "new" });
            _ = new Thing("swapped", new ThingArgs { Value = "v", Immutable = "two" });
        });

        await p.RunOkAsync("preview", "--diff");

        Assert.Contains(" ~  fake:index:Thing kept update [diff: ~value]", p.Screen, StringComparison.Ordinal);
        Assert.Contains("~ value: \"old\" => \"new\"", p.Screen, StringComparison.Ordinal);
        Assert.Contains("fake:index:Thing swapped", p.Screen, StringComparison.Ordinal);
        Assert.Contains("~ immutable: \"one\" => \"two\" (forces replacement: immutable is immutable)", p.Screen, StringComparison.Ordinal);
        Assert.Contains("[replace: immutable (immutable is immutable)]", p.Screen, StringComparison.Ordinal);
        Assert.Equal("old", p.Provider.LiveByName("kept")!["value"].AsString());
    }

    [Fact]
    public async Task Preview_Json_PrintsOneEngineEventPerLine()
    {
        using var p = await InitAsync();
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "x" }));
        var screenBefore = p.Screen;

        await p.RunOkAsync("preview", "--json");

        var lines = p.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        var events = lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();
        Assert.All(events, e => Assert.NotNull(e["sequence"]));
        Assert.Contains(events, e => e["preludeEvent"] is not null);
        Assert.Contains(events, e => e["resourcePreEvent"]?["metadata"]?["urn"]?.GetValue<string>() == CliProject.UrnOf("a").Value);
        Assert.Contains(events, e => e["summaryEvent"] is not null);
        Assert.Equal(screenBefore, p.Screen);
    }

    [Fact]
    public async Task Up_SecretInput_NeverShownOnScreenOrInJson()
    {
        using var p = await InitAsync();
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "x", Password = Output.CreateSecret("hunter2") }));

        await p.RunOkAsync("up", "--yes", "--diff");
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "y", Password = Output.CreateSecret("hunter3") }));
        await p.RunOkAsync("up", "--yes", "--json", "--diff");

        Assert.DoesNotContain("hunter", p.Screen, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter", p.Out, StringComparison.Ordinal);
        Assert.Contains("[secret]", p.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_ProviderFails_ExitsOperationFailedListingTheFailure()
    {
        using var p = await InitAsync();
        p.Provider.FailCreate["bad"] = true;
        p.Program(s =>
        {
            _ = new Thing("bad", new ThingArgs { Value = "x" });
            _ = new Thing("good", new ThingArgs { Value = "y" });
        });

        var code = await p.RunAsync("up", "--yes");

        Assert.Equal(EngineExitCodes.OperationFailed, code);
        Assert.Contains("fake:index:Thing bad creating failed", p.Screen, StringComparison.Ordinal);
        Assert.Contains("Failures:", p.Screen, StringComparison.Ordinal);
        Assert.Contains("the fake refuses to create it", p.Screen, StringComparison.Ordinal);
        Assert.NotNull(p.Provider.LiveByName("good"));
    }

    [Fact]
    public async Task Up_StackLockedByAnotherOperation_ExitsStackLockedNamingHolder()
    {
        using var p = await InitAsync();
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "x" }));
        using var held = StackLock.Acquire(Path.Combine(p.Dir, ".kubedos"), "demo", "dev", "destroy");

        var code = await p.RunAsync("up", "--yes");

        Assert.Equal(EngineExitCodes.StackLocked, code);
        Assert.Contains($"pid {Environment.ProcessId}", p.Error, StringComparison.Ordinal);
        Assert.Contains("'destroy'", p.Error, StringComparison.Ordinal);
        Assert.Empty(p.Provider.Live);
    }

    [Fact]
    public async Task Destroy_Yes_DeletesEverything()
    {
        using var p = await InitAsync();
        p.Program(s => _ = new Group("g", "v"));
        await p.RunOkAsync("up", "--yes");

        await p.RunOkAsync("destroy", "--yes");

        Assert.Empty(p.Provider.Live);
        Assert.Contains("Destroying (dev):", p.Screen, StringComparison.Ordinal);
        Assert.Contains("deleted", p.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_PreviewOnly_NeedsNoConfirmation()
    {
        using var p = await InitAsync();
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "x" }));
        await p.RunOkAsync("up", "--yes");

        await p.RunOkAsync("refresh", "--preview-only");

        Assert.Equal(EngineExitCodes.NotConfirmed, await p.RunAsync("refresh"));
    }

    [Fact]
    public async Task Up_NoStackSelected_ExitsUsage()
    {
        using var p = new CliProject();

        var code = await p.RunAsync("up", "--yes");

        Assert.Equal(EngineExitCodes.Usage, code);
        Assert.Contains("stack select", p.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_BadParallel_ExitsUsage()
    {
        using var p = await InitAsync();

        Assert.Equal(EngineExitCodes.Usage, await p.RunAsync("up", "--yes", "--parallel", "0"));
    }

    private static async Task<CliProject> InitAsync(bool interactive = false)
    {
        var p = new CliProject(interactive);
        await p.RunOkAsync("stack", "init", "dev");
        return p;
    }
}
