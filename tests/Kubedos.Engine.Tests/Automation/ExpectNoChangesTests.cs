using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Automation;

public sealed class ExpectNoChangesTests
{
    [Fact]
    public async Task PreviewAsync_ExpectNoChangesWithChanges_Throws()
    {
        using var t = new TestStack();
        t.Program(s => _ = new Thing("a", new ThingArgs { Value = "1" }));

        var ex = await Assert.ThrowsAsync<UnexpectedChangesException>(() => t.Stack.PreviewAsync(new UpdateOptions { ExpectNoChanges = true }));

        Assert.Contains("changes were proposed", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.Applied);
        Assert.Equal(2, ex.Result!.Summary.Count("create"));
    }

    [Fact]
    public async Task PreviewAsync_ExpectNoChangesWithoutChanges_Succeeds()
    {
        using var t = new TestStack();
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }));

        var result = await t.Stack.PreviewAsync(new UpdateOptions { ExpectNoChanges = true });

        Assert.False(result.Summary.HasChanges);
    }

    [Fact]
    public async Task UpAsync_ExpectNoChangesWithChanges_ChangesNothingAndReportsThePreview()
    {
        using var t = new TestStack();
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }));
        var events = new List<EngineEvent>();
        t.Program(s => _ = new Thing("a", new ThingArgs { Value = "2" }));

        await Assert.ThrowsAsync<UnexpectedChangesException>(() => t.Stack.UpAsync(new UpdateOptions { ExpectNoChanges = true, OnEvent = events.Add }));

        Assert.Equal("1", t.Provider.LiveByName("a")!["value"].AsString());
        Assert.Single(await t.Stack.GetHistoryAsync());
        Assert.Contains(events.OfType<ResourcePreEvent>(), e => e.Metadata.Urn.Name == "a" && e.Planning);
    }

    [Fact]
    public async Task UpAsync_ExpectNoChangesWithoutChanges_RunsTheUpdate()
    {
        using var t = new TestStack();
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }));
        var events = new List<EngineEvent>();

        await t.Stack.UpAsync(new UpdateOptions { ExpectNoChanges = true, OnEvent = events.Add });

        Assert.Equal(2, (await t.Stack.GetHistoryAsync()).Count);
        Assert.DoesNotContain(events.OfType<ResourcePreEvent>(), e => e.Planning);
    }

    [Fact]
    public async Task RefreshAsync_ExpectNoChangesWithDrift_ThrowsAndWritesNothing()
    {
        using var t = new TestStack();
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }));
        var live = t.Provider.Live.Single();
        t.Provider.Live[live.Key] = live.Value.Set("value", "changed-by-hand");
        var before = File.ReadAllText(t.StateFile);

        var ex = await Assert.ThrowsAsync<UnexpectedChangesException>(() => t.Stack.RefreshAsync(new RefreshOptions { ExpectNoChanges = true }));
        await Assert.ThrowsAsync<UnexpectedChangesException>(() => t.Stack.RefreshAsync(new RefreshOptions { ExpectNoChanges = true, PreviewOnly = true }));

        Assert.Equal(1, ex.Result!.Summary.Count("update"));
        Assert.Equal(before, File.ReadAllText(t.StateFile));
        Assert.Single(await t.Stack.GetHistoryAsync());
    }

    [Fact]
    public async Task RefreshAsync_ExpectNoChangesWithoutDrift_Refreshes()
    {
        using var t = new TestStack();
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }));

        await t.Stack.RefreshAsync(new RefreshOptions { ExpectNoChanges = true });

        Assert.Equal(Kubedos.Engine.State.UpdateKind.Refresh, (await t.Stack.GetHistoryAsync())[^1].Kind);
    }
}
