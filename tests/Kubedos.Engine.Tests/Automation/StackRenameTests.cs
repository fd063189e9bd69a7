using Kubedos.Engine.Model;
using Kubedos.Engine.State;
using Kubedos.Engine.Tests.Backends;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Automation;

public sealed class StackRenameTests
{
    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task RenameStackAsync_RewritesEveryUrnAndMovesHistory(string backend)
    {
        using var t = new TestStack(backend: backend);
        await t.UpAsync(s => _ = new Group("g", "v"));
        await t.Stack.RefreshAsync();

        var renamed = await t.Stack.RenameAsync("prod");

        Assert.Equal("prod", renamed.Name);
        Assert.Equal(["prod"], await t.Workspace.ListStacksAsync());
        var checkpoint = await renamed.GetCheckpointAsync();
        Assert.All(checkpoint.Resources, r =>
        {
            Assert.Equal("prod", r.Urn.Stack);
            Assert.True(r.Parent is null || r.Parent.Stack == "prod");
            Assert.All(r.Dependencies, d => Assert.Equal("prod", d.Stack));
            Assert.All(r.PropertyDependencies.Values.SelectMany(v => v), d => Assert.Equal("prod", d.Stack));
        });
        Assert.NotNull(checkpoint.Find(Urn.Create("prod", "proj", "test:components:Group", Thing.TypeToken, "g-b")));
        Assert.Equal([UpdateKind.Update, UpdateKind.Refresh], (await renamed.GetHistoryAsync()).Select(h => h.Kind).ToArray());
        Assert.DoesNotContain("urn:pulumi:dev::", t.StoredState("prod"), StringComparison.Ordinal);

        // The renamed stack is the same stack to the engine: nothing to change.
        t.Program(s => _ = new Group("g", "v"));
        var next = await renamed.PreviewAsync();
        Assert.False(next.Summary.HasChanges);
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task RenameStackAsync_NameTaken_RefusesAndChangesNothing(string backend)
    {
        using var t = new TestStack(backend: backend);
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }));
        await t.Workspace.CreateStackAsync("prod");
        var before = t.StoredState();

        var ex = await Assert.ThrowsAsync<StateException>(() => t.Stack.RenameAsync("prod"));

        Assert.Contains("'prod' already exists", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, t.StoredState());
        await Assert.ThrowsAsync<StateException>(() => t.Stack.RenameAsync("bad/name"));
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task RenameStackAsync_ConfigFileOfNewNameExists_RefusesAndChangesNothing(string backend)
    {
        using var t = new TestStack(backend: backend);
        File.WriteAllText(Path.Combine(t.Dir, "Pulumi.prod.yaml"), "config: {}\n");

        var ex = await Assert.ThrowsAsync<StateException>(() => t.Stack.RenameAsync("prod"));

        Assert.Contains("Pulumi.prod.yaml already exists", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["dev"], await t.Workspace.ListStacksAsync());
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task RenameStackAsync_StackLocked_Refuses(string backend)
    {
        using var t = new TestStack(backend: backend);
        using var held = t.Workspace.LockStack("dev", "up");

        await Assert.ThrowsAsync<StackLockedException>(() => t.Stack.RenameAsync("prod"));

        Assert.Equal(["dev"], await t.Workspace.ListStacksAsync());
    }
}
