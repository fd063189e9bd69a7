using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Model;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Automation;

public sealed class RefreshTests
{
    private static async Task<TestStack> DriftedAsync()
    {
        var t = new TestStack();
        await t.UpAsync(s =>
        {
            _ = new Thing("a", new ThingArgs { Value = "1" });
            _ = new Thing("b", new ThingArgs { Value = "1" });
            _ = new Thing("c", new ThingArgs { Value = "1" });
        });
        var a = t.Provider.Live.Single(kv => kv.Key.StartsWith("a#", StringComparison.Ordinal));
        t.Provider.Live[a.Key] = a.Value.Set("value", "changed-by-hand");
        t.Provider.Live.TryRemove(t.Provider.Live.Single(kv => kv.Key.StartsWith("b#", StringComparison.Ordinal)).Key, out _);
        return t;
    }

    [Fact]
    public async Task RefreshAsync_Drift_UpdatesStateAndReportsDiff()
    {
        using var t = await DriftedAsync();
        var events = new List<EngineEvent>();
        var result = await t.Stack.RefreshAsync(new RefreshOptions { OnEvent = events.Add });
        Assert.Equal(1, result.Summary.Count("update"));
        Assert.Equal(1, result.Summary.Count("delete"));
        var checkpoint = await t.Stack.GetCheckpointAsync();
        Assert.Equal("changed-by-hand", checkpoint.Find(TestStack.UrnOf("a"))!.Outputs["value"].AsString());
        Assert.Null(checkpoint.Find(TestStack.UrnOf("b")));
        var drift = events.OfType<ResourcePreEvent>().Single(e => e.Metadata.Urn.Name == "a");
        Assert.Equal(["value"], drift.Metadata.Diffs.ToArray());
    }

    [Fact]
    public async Task RefreshAsync_PreviewOnly_ReportsWithoutWriting()
    {
        using var t = await DriftedAsync();
        var before = File.ReadAllText(t.StateFile);
        var result = await t.Stack.RefreshAsync(new RefreshOptions { PreviewOnly = true });
        Assert.Equal(1, result.Summary.Count("update"));
        Assert.Equal(before, File.ReadAllText(t.StateFile));
        Assert.Equal("1", (await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("a"))!.Outputs["value"].AsString());
    }

    [Fact]
    public async Task UpAfterRefresh_RecreatesGoneResourceAndRestoresDrift()
    {
        using var t = await DriftedAsync();
        await t.Stack.RefreshAsync();
        void Program(Stack s)
        {
            _ = new Thing("a", new ThingArgs { Value = "1" });
            _ = new Thing("b", new ThingArgs { Value = "1" });
            _ = new Thing("c", new ThingArgs { Value = "1" });
        }

        var result = await t.UpAsync(Program);
        Assert.Equal(1, result.Summary.Count("create"));
        Assert.NotNull(t.Provider.LiveByName("b"));
    }

    [Fact]
    public async Task RefreshAsync_GoneResourceOthersDependOnAndParent_StateLoadsWithNoReferenceToIt()
    {
        using var t = new TestStack();
        await t.UpAsync(s =>
        {
            var b = new Thing("b", new ThingArgs { Value = "1" });
            _ = new Thing("c", new ThingArgs { Value = b.Value }, new ResourceOptions { DependsOn = [b] });
            _ = new Thing("child", new ThingArgs { Value = "1" }, new ResourceOptions { Parent = b });
        });
        t.Provider.Live.TryRemove(t.Provider.Live.Single(kv => kv.Key.StartsWith("b#", StringComparison.Ordinal)).Key, out _);

        await t.Stack.RefreshAsync();

        // The next load runs the integrity check: a dependency or parent naming b would be refused here.
        var checkpoint = await t.Stack.GetCheckpointAsync();
        Assert.Null(checkpoint.Find(TestStack.UrnOf("b")));
        var c = checkpoint.Find(TestStack.UrnOf("c"))!;
        Assert.DoesNotContain(c.Dependencies, d => d.Name == "b");
        Assert.All(c.PropertyDependencies.Values, urns => Assert.DoesNotContain(urns, d => d.Name == "b"));
        var child = Assert.Single(checkpoint.Resources, r => r.Urn.Name == "child");
        Assert.NotEqual("b", child.Parent?.Name);
        Assert.NotNull(await t.Stack.PreviewAsync());
    }
}
