using Kubedos.Engine.Automation;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Execution;

public sealed class FailurePropagationTests
{
    [Fact]
    public async Task Up_FailedUpdate_IsReportedAsTheUpdateItWas()
    {
        using var t = new TestStack();
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }));
        t.Provider.FailUpdate["a"] = true;

        await Assert.ThrowsAsync<UpdateFailedException>(() => t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "2" })));

        var failed = Assert.Single(t.Events.OfType<Kubedos.Engine.Automation.Events.ResourceOperationFailedEvent>());
        Assert.Equal(Kubedos.Engine.Planning.StepKind.Update, failed.Metadata.Op);
    }

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

    [Fact]
    public async Task Up_Cancelled_LeavesInFlightCallsPendingAndNextUpConverges()
    {
        using var t = new TestStack();
        t.Provider.Delay = TimeSpan.FromSeconds(10);
        void Program(Kubedos.Engine.Model.Stack s)
        {
            for (var i = 0; i < 3; i++)
            {
                _ = new Thing($"r{i}", new ThingArgs { Value = "v" });
            }
        }

        // Cancelled once all three creates are with the provider (not after a fixed time: a loaded machine starts them late).
        using var cts = new CancellationTokenSource();
        t.Program(Program);
        var up = t.Stack.UpAsync(t.Options(), cts.Token);
        for (var waited = 0; t.Provider.Count("create") < 3 && waited < 500; waited++)
        {
            await Task.Delay(10);
        }

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => up);
        var interrupted = await t.Stack.GetCheckpointAsync();
        Assert.Equal(3, interrupted.PendingOperations.Count);

        t.Provider.Delay = TimeSpan.Zero;
        await t.UpAsync(Program);
        Assert.Equal(3, t.Provider.Live.Count);
        var checkpoint = await t.Stack.GetCheckpointAsync();
        Assert.Empty(checkpoint.PendingOperations);
        Assert.Equal(3, checkpoint.Resources.Count(r => r.Custom));
    }

    [Fact]
    public async Task Up_TimedOutCreateThatHappenedAnyway_IsAdoptedNotDuplicated()
    {
        using var t = new TestStack();

        // A wide margin between the provider's pace and the timeout: under a loaded CI machine timers fire late.
        t.Provider.Delay = TimeSpan.FromSeconds(2);
        var options = new Kubedos.Engine.Model.ResourceOptions { CustomTimeouts = new Kubedos.Engine.Model.CustomTimeouts(Create: TimeSpan.FromMilliseconds(50)) };
        await Assert.ThrowsAsync<UpdateFailedException>(() => t.UpAsync(s => _ = new Thing("slow", new ThingArgs { Value = "v" }, options)));
        Assert.Single((await t.Stack.GetCheckpointAsync()).PendingOperations);

        // The fake finished the create after the engine gave up on it: the next up must adopt it.
        t.Provider.Delay = TimeSpan.Zero;
        t.Provider.Live["slow#99"] = Kubedos.Engine.Model.PropertyMap.Of(("value", "v"), ("serial", "slow#99"));
        await t.UpAsync(s => _ = new Thing("slow", new ThingArgs { Value = "v" }));
        Assert.Single(t.Provider.Live);
        Assert.Equal("slow#99", (await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("slow"))!.Id);
    }
}
