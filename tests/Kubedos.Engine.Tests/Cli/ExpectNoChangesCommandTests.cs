using Kubedos.Engine.Cli;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Cli;

public sealed class ExpectNoChangesCommandTests
{
    [Fact]
    public async Task Preview_ExpectNoChangesWithChanges_ExitsUnexpectedChangesAfterShowingThem()
    {
        using var p = await UpAsync();
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "2" }));

        Assert.Equal(EngineExitCodes.UnexpectedChanges, await p.RunAsync("preview", "--expect-no-changes"));

        Assert.Contains("fake:index:Thing a", p.Screen, StringComparison.Ordinal);
        Assert.Contains("no changes were expected but changes were proposed", p.Error, StringComparison.Ordinal);
        await p.RunOkAsync("preview");
    }

    [Fact]
    public async Task Up_ExpectNoChangesWithChanges_ChangesNothing()
    {
        using var p = await UpAsync();
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "2" }));

        Assert.Equal(EngineExitCodes.UnexpectedChanges, await p.RunAsync("up", "--yes", "--expect-no-changes"));

        Assert.Equal("1", p.Provider.LiveByName("a")!["value"].AsString());
    }

    [Fact]
    public async Task Refresh_ExpectNoChanges_DriftExits8AndNoDriftExits0()
    {
        using var p = await UpAsync();
        await p.RunOkAsync("refresh", "--yes", "--expect-no-changes");
        var live = p.Provider.Live.Single();
        p.Provider.Live[live.Key] = live.Value.Set("value", "changed-by-hand");

        Assert.Equal(EngineExitCodes.UnexpectedChanges, await p.RunAsync("refresh", "--yes", "--expect-no-changes"));
        Assert.Equal(EngineExitCodes.UnexpectedChanges, await p.RunAsync("refresh", "--preview-only", "--expect-no-changes"));

        Assert.Contains("drift: value changed outside of Kubedos", p.Screen, StringComparison.Ordinal);
        await p.RunOkAsync("stack", "export");
        Assert.DoesNotContain("changed-by-hand", p.Out, StringComparison.Ordinal);
    }

    private static async Task<CliProject> UpAsync()
    {
        var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "1" }));
        await p.RunOkAsync("up", "--yes");
        return p;
    }
}
