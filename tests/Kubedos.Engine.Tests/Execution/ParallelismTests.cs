using Kubedos.Engine.Automation;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Execution;

public sealed class ParallelismTests
{
    [Fact]
    public async Task Up_IndependentResources_RunConcurrentlyUpToParallel()
    {
        using var t = new TestStack();
        t.Provider.Delay = TimeSpan.FromMilliseconds(40);
        await t.UpAsync(
            s =>
            {
                for (var i = 0; i < 12; i++)
                {
                    _ = new Thing($"r{i}", new ThingArgs { Value = "v" });
                }
            },
            t.Options(parallel: 3));
        Assert.Equal(3, t.Provider.MaxConcurrent);
    }

    [Fact]
    public async Task Up_ParallelOne_IsSerial()
    {
        using var t = new TestStack();
        t.Provider.Delay = TimeSpan.FromMilliseconds(5);
        await t.UpAsync(
            s =>
            {
                for (var i = 0; i < 5; i++)
                {
                    _ = new Thing($"r{i}", new ThingArgs { Value = "v" });
                }
            },
            t.Options(parallel: 1));
        Assert.Equal(1, t.Provider.MaxConcurrent);
    }

    [Fact]
    public async Task Up_Chain_RunsEachAfterItsDependency()
    {
        using var t = new TestStack();
        t.Provider.Delay = TimeSpan.FromMilliseconds(20);
        await t.UpAsync(s =>
        {
            var a = new Thing("a", new ThingArgs { Value = "v" });
            var b = new Thing("b", new ThingArgs { Value = a.Serial });
            _ = new Thing("c", new ThingArgs { Value = b.Serial });
        });
        var spans = t.Provider.Spans.ToDictionary(s => s.Call);
        Assert.True(spans["create b"].Start >= spans["create a"].End);
        Assert.True(spans["create c"].Start >= spans["create b"].End);
    }

    [Fact]
    public async Task Destroy_Deletes_RunInReverseDependencyOrderAndIndependentOnesInParallel()
    {
        using var t = new TestStack();
        await t.UpAsync(s =>
        {
            var root = new Thing("root", new ThingArgs { Value = "v" });
            _ = new Thing("left", new ThingArgs { Value = root.Serial });
            _ = new Thing("right", new ThingArgs { Value = root.Serial });
        });
        t.Provider.Delay = TimeSpan.FromMilliseconds(60);
        var result = await t.Stack.DestroyAsync(new DestroyOptions { Parallel = 4 });
        Assert.Equal(4, result.Summary.Count("delete"));
        var spans = t.Provider.Spans.Where(s => s.Call.StartsWith("delete", StringComparison.Ordinal)).ToDictionary(s => s.Call);
        Assert.True(spans["delete root"].Start >= spans["delete left"].End);
        Assert.True(spans["delete root"].Start >= spans["delete right"].End);
        Assert.True(spans["delete left"].Start < spans["delete right"].End && spans["delete right"].Start < spans["delete left"].End, "left and right overlap");
        Assert.Empty(t.Provider.Live);
        Assert.Empty((await t.Stack.GetCheckpointAsync()).Resources);
    }

    [Fact]
    public async Task UpAsync_TwoStacksInOneProcess_RunIndependently()
    {
        using var one = new TestStack("one");
        using var two = new TestStack("two");
        one.Provider.Delay = two.Provider.Delay = TimeSpan.FromMilliseconds(10);
        await Task.WhenAll(
            one.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" })),
            two.UpAsync(s => _ = new Thing("b", new ThingArgs { Value = "2" })));
        Assert.NotNull((await one.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("a", stack: "one")));
        Assert.NotNull((await two.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("b", stack: "two")));
        Assert.Null(one.Provider.LiveByName("b"));
    }
}
