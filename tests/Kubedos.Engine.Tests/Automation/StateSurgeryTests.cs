using Kubedos.Engine.Model;
using Kubedos.Engine.State;
using Kubedos.Engine.Tests.Backends;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Automation;

public sealed class StateSurgeryTests
{
    private static void Chain(Stack s, bool protectA = false)
    {
        var a = new Thing("a", new ThingArgs { Value = "1" }, new ResourceOptions { Protect = protectA });
        _ = new Thing("b", new ThingArgs { Value = a.Serial });
        _ = new Thing("c", new ThingArgs { Value = "1" });
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task DeleteResourceAsync_Independent_RemovesOnlyItFromStateNotReality(string backend)
    {
        using var t = new TestStack(backend: backend);
        await t.UpAsync(s => Chain(s));
        var historyBefore = (await t.Stack.GetHistoryAsync()).Count;

        var deleted = await t.Stack.DeleteResourceAsync(TestStack.UrnOf("c").Value);

        Assert.Equal([TestStack.UrnOf("c")], deleted);
        var checkpoint = await t.Stack.GetCheckpointAsync();
        Assert.Null(checkpoint.Find(TestStack.UrnOf("c")));
        Assert.NotNull(checkpoint.Find(TestStack.UrnOf("a")));
        Assert.Equal(3, t.Provider.Live.Count);
        Assert.Equal(historyBefore, (await t.Stack.GetHistoryAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task DeleteResourceAsync_WithDependents_RefusesListingThemAndChangesNothing(string backend)
    {
        using var t = new TestStack(backend: backend);
        await t.UpAsync(s => Chain(s));
        var before = t.StoredState();

        var ex = await Assert.ThrowsAsync<StateSurgeryException>(() => t.Stack.DeleteResourceAsync(TestStack.UrnOf("a").Value));

        Assert.Equal(TestStack.UrnOf("a"), ex.Urn);
        Assert.Contains(TestStack.UrnOf("b").Value, ex.Message, StringComparison.Ordinal);
        Assert.Contains("--target-dependents", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, t.StoredState());
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task DeleteResourceAsync_TargetDependents_RemovesItAndItsDependents(string backend)
    {
        using var t = new TestStack(backend: backend);
        await t.UpAsync(s => Chain(s));

        var deleted = await t.Stack.DeleteResourceAsync(TestStack.UrnOf("a").Value, targetDependents: true);

        Assert.Equal([TestStack.UrnOf("a"), TestStack.UrnOf("b")], deleted);
        var checkpoint = await t.Stack.GetCheckpointAsync();
        Assert.Null(checkpoint.Find(TestStack.UrnOf("b")));
        Assert.NotNull(checkpoint.Find(TestStack.UrnOf("c")));
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task DeleteResourceAsync_ParentOfChildren_CountsChildrenAsDependents(string backend)
    {
        using var t = new TestStack(backend: backend);
        await t.UpAsync(s => _ = new Group("g", "v"));
        var group = Urn.Create("dev", "proj", string.Empty, "test:components:Group", "g");

        var ex = await Assert.ThrowsAsync<StateSurgeryException>(() => t.Stack.DeleteResourceAsync(group.Value));

        Assert.Contains("g-a", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task DeleteResourceAsync_Protected_RefusesUnlessForced(string backend)
    {
        using var t = new TestStack(backend: backend);
        await t.UpAsync(s => Chain(s, protectA: true));

        var ex = await Assert.ThrowsAsync<StateSurgeryException>(() => t.Stack.DeleteResourceAsync(TestStack.UrnOf("a").Value, targetDependents: true));
        Assert.Contains("protected", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--force", ex.Message, StringComparison.Ordinal);
        Assert.NotNull((await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("a")));

        await t.Stack.DeleteResourceAsync(TestStack.UrnOf("a").Value, force: true, targetDependents: true);
        Assert.Null((await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("a")));
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task DeleteResourceAsync_UnknownOrMalformedUrn_Refuses(string backend)
    {
        using var t = new TestStack(backend: backend);
        await t.UpAsync(s => Chain(s));

        var unknown = await Assert.ThrowsAsync<StateSurgeryException>(() => t.Stack.DeleteResourceAsync(TestStack.UrnOf("zz").Value));
        var malformed = await Assert.ThrowsAsync<StateSurgeryException>(() => t.Stack.DeleteResourceAsync("not-a-urn"));

        Assert.Contains("no such resource", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("not-a-urn", malformed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task DeleteResourceAsync_StackLocked_FailsNamingHolder(string backend)
    {
        using var t = new TestStack(backend: backend);
        await t.UpAsync(s => Chain(s));
        using var held = t.Workspace.LockStack("dev", "up");

        await Assert.ThrowsAsync<StackLockedException>(() => t.Stack.DeleteResourceAsync(TestStack.UrnOf("c").Value));
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task UnprotectAsync_ClearsTheBitSoDestroyCanDeleteIt(string backend)
    {
        using var t = new TestStack(backend: backend);
        await t.UpAsync(s => Chain(s, protectA: true));
        Assert.True((await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("a"))!.Protect);

        await t.Stack.UnprotectAsync(TestStack.UrnOf("a").Value);

        Assert.False((await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("a"))!.Protect);
        await t.Stack.DestroyAsync();
        Assert.Empty(t.Provider.Live);
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task UnprotectAllAsync_ClearsEveryBitAndCountsThem(string backend)
    {
        using var t = new TestStack(backend: backend);
        var options = new ResourceOptions { Protect = true };
        await t.UpAsync(s =>
        {
            _ = new Thing("a", new ThingArgs { Value = "1" }, options);
            _ = new Thing("b", new ThingArgs { Value = "1" }, options);
        });

        Assert.Equal(2, await t.Stack.UnprotectAllAsync());

        Assert.DoesNotContain((await t.Stack.GetCheckpointAsync()).Resources, r => r.Protect);
        await Assert.ThrowsAsync<StateSurgeryException>(() => t.Stack.UnprotectAsync(TestStack.UrnOf("zz").Value));
    }
}
