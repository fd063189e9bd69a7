using Kubedos.Engine.Model;
using Kubedos.Engine.Tests.Backends;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Automation;

public sealed class WorkspaceStackTests
{
    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task UpAsync_NewResources_CreatesThemAndRecordsState(string backend)
    {
        using var t = new TestStack(backend: backend);
        var result = await t.UpAsync(s =>
        {
            var a = new Thing("a", new ThingArgs { Value = "x" });
            _ = new Thing("b", new ThingArgs { Value = a.Serial });
        });

        Assert.Equal(3, result.Summary.Count("create")); // the stack counts, as in Pulumi
        Assert.Equal(2, t.Provider.Live.Count);
        var b = t.Provider.LiveByName("b")!;
        Assert.StartsWith("a#", b["value"].AsString(), StringComparison.Ordinal);
        var checkpoint = await t.Stack.GetCheckpointAsync();
        var bState = checkpoint.Find(TestStack.UrnOf("b"))!;
        Assert.Equal([TestStack.UrnOf("a")], bState.Dependencies.ToArray());
        Assert.Equal(3, checkpoint.Resources.Count);
        Assert.Empty(checkpoint.PendingOperations);
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task UpAsync_SecondRunUnchanged_IsAllSameWithoutProviderWrites(string backend)
    {
        using var t = new TestStack(backend: backend);
        void Program(Stack s) => _ = new Thing("a", new ThingArgs { Value = "x" });
        await t.UpAsync(Program);
        var calls = t.Provider.Calls.Count;
        var result = await t.UpAsync(Program);
        Assert.Equal(2, result.Summary.Count("same"));
        Assert.Equal(calls, t.Provider.Calls.Count);
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task UpAsync_ResourceCreatedInsideApply_IsCreatedAndKept(string backend)
    {
        using var t = new TestStack(backend: backend);
        void Program(Stack s)
        {
            var a = new Thing("a", new ThingArgs { Value = "x" });
            a.Serial.Apply(serial => new Thing("from-apply", new ThingArgs { Value = serial }));
        }

        await t.UpAsync(Program);
        Assert.StartsWith("a#", t.Provider.LiveByName("from-apply")!["value"].AsString(), StringComparison.Ordinal);
        var second = await t.UpAsync(Program);
        Assert.Equal(0, second.Summary.Count("delete"));
        Assert.Equal(3, second.Summary.Count("same"));
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task UpAsync_ApplyThrows_IsReportedAsFailure(string backend)
    {
        using var t = new TestStack(backend: backend);
        await t.UpAsync(s => _ = new Thing("kept", new ThingArgs { Value = "x" }));
        var ex = await Assert.ThrowsAsync<Kubedos.Engine.Automation.UpdateFailedException>(() => t.UpAsync(s =>
        {
            var a = new Thing("a", new ThingArgs { Value = "x" });
            a.Serial.Apply(Fail);
        }));
        Assert.Contains("bad apply", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(t.Provider.LiveByName("a"));

        // "kept" might have been declared by the failed function: it is not deleted.
        Assert.NotNull(t.Provider.LiveByName("kept"));

        static string Fail(string serial) => throw new InvalidOperationException("bad apply " + serial);
    }
}
