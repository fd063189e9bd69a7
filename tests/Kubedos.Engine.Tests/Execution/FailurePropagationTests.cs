using Kubedos.Engine.Automation;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Execution;

public sealed class FailurePropagationTests
{
    [Fact]
    public async Task Up_FailedResource_SkipsDependentsAndFinishesIndependents()
    {
        using var t = new TestStack();
        t.Provider.FailCreate["bad"] = true;
        t.Provider.FailCreate["bad2"] = true;
        var ex = await Assert.ThrowsAsync<UpdateFailedException>(() => t.UpAsync(s =>
        {
            var bad = new Thing("bad", new ThingArgs { Value = "1" });
            _ = new Thing("child", new ThingArgs { Value = bad.Serial });
            _ = new Thing("bad2", new ThingArgs { Value = "1" });
            _ = new Thing("fine", new ThingArgs { Value = "1" });
        }));

        var failures = ex.Result!.Summary.Failures;
        Assert.Equal(["bad", "bad2"], failures.Select(f => f.Urn!.Name).Order().ToArray());
        Assert.NotNull(t.Provider.LiveByName("fine"));
        Assert.DoesNotContain("create child", t.Provider.Calls);
        var checkpoint = await t.Stack.GetCheckpointAsync();
        Assert.NotNull(checkpoint.Find(TestStack.UrnOf("fine")));
        Assert.Null(checkpoint.Find(TestStack.UrnOf("bad")));
        Assert.Empty(checkpoint.PendingOperations);
    }

    [Fact]
    public async Task Up_FailedProgram_DeletesNothingItDidNotReach()
    {
        using var t = new TestStack();
        await t.UpAsync(s =>
        {
            _ = new Thing("a", new ThingArgs { Value = "1" });
            _ = new Thing("b", new ThingArgs { Value = "1" });
        });
        var ex = await Assert.ThrowsAsync<UpdateFailedException>(() => t.UpAsync(s =>
        {
            _ = new Thing("a", new ThingArgs { Value = "1" });
            throw new InvalidOperationException("boom");
        }));
        Assert.Contains("the program failed: boom", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(t.Provider.LiveByName("b"));
    }

    [Fact]
    public async Task Destroy_FailedDelete_KeepsWhatItDependsOnAndReportsIt()
    {
        using var t = new TestStack();
        await t.UpAsync(s =>
        {
            var a = new Thing("a", new ThingArgs { Value = "1" });
            _ = new Thing("b", new ThingArgs { Value = a.Serial });
            _ = new Thing("c", new ThingArgs { Value = "1" });
        });
        t.Provider.FailDelete["b"] = true;
        var ex = await Assert.ThrowsAsync<UpdateFailedException>(() => t.Stack.DestroyAsync(new DestroyOptions { Parallel = 4 }));
        Assert.Equal("b", Assert.Single(ex.Result!.Summary.Failures).Urn!.Name);
        Assert.NotNull(t.Provider.LiveByName("a"));
        Assert.Null(t.Provider.LiveByName("c"));
        var checkpoint = await t.Stack.GetCheckpointAsync();
        Assert.Equal(["a", "b"], checkpoint.Resources.Where(r => r.Custom).Select(r => r.Urn.Name).Order().ToArray());
    }
}
