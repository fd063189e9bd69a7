using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Model;
using Kubedos.Engine.State;
using Kubedos.Engine.Tests.Fakes;
using Kubedos.Engine.Tests.State;

namespace Kubedos.Engine.Tests.Automation;

/// <summary><c>up --refresh</c>: refresh, then update, in one operation under one stack lock.</summary>
public sealed class UpRefreshTests
{
    private static void Program(Stack s)
    {
        var b = new Thing("b", new ThingArgs { Value = "1" });
        _ = new Thing("a", new ThingArgs { Value = "1" });
        _ = new Thing("c", new ThingArgs { Value = b.Value }, new ResourceOptions { DependsOn = [b] });
    }

    private static async Task<TestStack> WithGoneAsync(string gone)
    {
        var t = new TestStack();
        await t.UpAsync(Program);
        Assert.True(t.Provider.Live.TryRemove(t.Provider.Live.Single(kv => kv.Key.StartsWith(gone + "#", StringComparison.Ordinal)).Key, out _));
        return t;
    }

    [Fact]
    public async Task UpAsync_WithoutRefresh_TrustsTheStateAndLeavesTheGoneResourceGone()
    {
        using var t = await WithGoneAsync("b");
        var result = await t.UpAsync(Program);
        Assert.False(result.Summary.HasChanges);
        Assert.Null(t.Provider.LiveByName("b"));
    }

    [Fact]
    public async Task UpAsync_Refresh_RecreatesAGoneResourceInOneOperation()
    {
        using var t = await WithGoneAsync("b");
        var historyBefore = (await t.Stack.GetHistoryAsync()).Count;
        t.Provider.Calls.Clear();
        var result = await t.UpAsync(Program, t.Options() with { Refresh = true });

        Assert.Equal(1, result.Summary.Count("create"));
        Assert.NotNull(t.Provider.LiveByName("b"));
        var checkpoint = await t.Stack.GetCheckpointAsync();
        Assert.Equal(t.Provider.LiveByName("b")!["serial"].AsString(), checkpoint.Find(TestStack.UrnOf("b"))!.Id);
        Assert.Contains(checkpoint.Find(TestStack.UrnOf("c"))!.Dependencies, d => d.Name == "b");
        var history = await t.Stack.GetHistoryAsync();
        var entry = Assert.Single(history.Skip(historyBefore));
        Assert.Equal(UpdateKind.Update, entry.Kind);
        Assert.Contains(t.Events.OfType<DiagnosticEvent>(), e => e.Urn?.Name == "b" && e.Message.Contains("no longer exists", StringComparison.Ordinal));
        // Every resource was read before the first create.
        var calls = t.Provider.Calls.ToList();
        Assert.True(calls.FindLastIndex(c => c.StartsWith("read ", StringComparison.Ordinal)) < calls.FindIndex(c => c == "create b"), string.Join(", ", calls));
    }

    [Fact]
    public async Task PreviewAsync_Refresh_ShowsTheRecreationAndWritesNothing()
    {
        using var t = await WithGoneAsync("b");
        var before = File.ReadAllText(t.StateFile);
        var plain = await t.PreviewAsync(Program);
        var refreshed = await t.PreviewAsync(Program, t.Options() with { Refresh = true });

        Assert.False(plain.Summary.HasChanges);
        Assert.Equal(1, refreshed.Summary.Count("create"));
        Assert.Equal(before, File.ReadAllText(t.StateFile));
        Assert.Null(t.Provider.LiveByName("b"));
    }

    [Fact]
    public async Task UpAsync_RefreshExpectNoChanges_AGoneResourceIsAChangeAndNothingIsWritten()
    {
        using var t = await WithGoneAsync("b");
        var before = File.ReadAllText(t.StateFile);
        await Assert.ThrowsAsync<UnexpectedChangesException>(() => t.UpAsync(Program, t.Options() with { Refresh = true, ExpectNoChanges = true }));
        Assert.Equal(before, File.ReadAllText(t.StateFile));
        Assert.Null(t.Provider.LiveByName("b"));
    }

    [Fact]
    public async Task UpAsync_Refresh_ASecondProcessSeesOneLockFromTheFirstReadToTheLastCreate()
    {
        using var t = await WithGoneAsync("b");
        using var watcher = StackLockProbeProcess.StartWatching(Path.Combine(t.Dir, ".kubedos"), "proj", "dev");
        Assert.Equal("free", watcher.Ask());
        var seen = new List<(string Call, string Lock)>();
        t.Provider.BeforeCall = call =>
        {
            lock (seen)
            {
                seen.Add((call, watcher.Ask()));
            }

            return Task.CompletedTask;
        };

        await t.UpAsync(Program, t.Options(parallel: 1) with { Refresh = true });
        t.Provider.BeforeCall = null;

        Assert.Contains(seen, s => s.Call.StartsWith("read ", StringComparison.Ordinal));
        Assert.Contains(seen, s => s.Call == "create b");
        var locks = seen.Select(s => s.Lock).Distinct().ToList();
        var only = Assert.Single(locks);
        Assert.NotEqual("free", only);
        Assert.Equal("free", watcher.Ask());
    }
}
