using Kubedos.Engine.Automation;
using Kubedos.Engine.State;
using Kubedos.Engine.Tests.Backends;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.State;

/// <summary>The stack lock's contract, the same on every backend: one holder at a time, named to whoever finds it taken.</summary>
public sealed class StackLockContractTests
{
    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public void LockStack_Held_SecondIsRefusedAtOnceNamingHolder_ThenFreeAfterRelease(string backend)
    {
        using var t = new TestStack(backend: backend);
        var other = Reopen(t, "proj");
        using (var held = t.Workspace.LockStack("dev", "up"))
        {
            var refused = Assert.Throws<StackLockedException>(() => other.LockStack("dev", "destroy"));
            Assert.Equal(held.Info, refused.Holder);
            Assert.Contains("'up'", refused.Message, StringComparison.Ordinal);
            Assert.Equal(held.Info, other.GetStackLockHolder("dev"));
        }

        Assert.Null(other.GetStackLockHolder("dev"));
        using var again = other.LockStack("dev", "refresh");
        Assert.Equal("refresh", t.Workspace.GetStackLockHolder("dev")!.Operation);
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public void UnlockStack_LiveHolder_RefusedWithoutForce_BrokenWithIt(string backend)
    {
        using var t = new TestStack(backend: backend);
        Assert.Null(t.Workspace.UnlockStack("dev", force: false));
        var other = Reopen(t, "proj");
        using var held = other.LockStack("dev", "up");

        Assert.Throws<StackLockedException>(() => t.Workspace.UnlockStack("dev", force: false));
        Assert.Equal(held.Info, t.Workspace.GetStackLockHolder("dev"));

        Assert.Equal(held.Info, t.Workspace.UnlockStack("dev", force: true));
        Assert.Null(t.Workspace.GetStackLockHolder("dev"));
        using var mine = t.Workspace.LockStack("dev", "up");
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task TwoProjects_SameStackName_KeepStateAndLocksApart(string backend)
    {
        using var t = new TestStack(backend: backend);
        var b = Reopen(t, "other");
        var bStack = await b.CreateStackAsync("dev");

        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }));
        using var held = t.Workspace.LockStack("dev", "up");
        using var heldB = b.LockStack("dev", "up");

        Assert.Empty((await bStack.GetCheckpointAsync()).Resources);
        Assert.Contains((await t.Stack.GetCheckpointAsync()).Resources, r => r.Urn.Name == "a");
        Assert.Empty(await bStack.GetHistoryAsync());
        Assert.Equal(["dev"], await b.ListStacksAsync());
    }

    /// <summary>A second workspace on <paramref name="t"/>'s backend (another process would open the same), for project <paramref name="project"/>.</summary>
    private static Workspace Reopen(TestStack t, string project) =>
        Workspace.Create(t.Workspace.Options with { ProjectName = project, BackendUrl = t.Workspace.Options.BackendUrl });
}
