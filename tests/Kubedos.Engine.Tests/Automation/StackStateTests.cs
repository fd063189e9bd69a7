using Kubedos.Engine.Automation;
using Kubedos.Engine.State;
using Kubedos.Engine.Tests.Backends;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Automation;

public sealed class StackStateTests
{
    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task ExportImport_RoundTrip_RestoresCheckpoint(string backend)
    {
        using var t = new TestStack(backend: backend);
        await t.UpAsync(s => _ = new Group("g", "v"));
        var exported = await t.Stack.ExportAsync();
        Assert.Contains("\"version\": 3", exported, StringComparison.Ordinal);
        Assert.Contains("\"deployment\"", exported, StringComparison.Ordinal);

        await t.Stack.DestroyAsync();
        Assert.Empty((await t.Stack.GetCheckpointAsync()).Resources);
        await t.Stack.ImportAsync(exported);
        var restored = await t.Stack.GetCheckpointAsync();
        Assert.Equal(4, restored.Resources.Count); // stack, group and its two things
        Assert.Contains(await t.Stack.GetHistoryAsync(), h => h.Kind == UpdateKind.Import);
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task GetHistoryAsync_EveryOperation_IsRecordedWithResult(string backend)
    {
        using var t = new TestStack(backend: backend);
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }));
        t.Provider.FailCreate["b"] = true;
        await Assert.ThrowsAsync<UpdateFailedException>(() => t.UpAsync(s => _ = new Thing("b", new ThingArgs { Value = "1" })));
        await t.Stack.RefreshAsync();
        await t.PreviewAsync(s => { });
        var history = await t.Stack.GetHistoryAsync();
        Assert.Equal([UpdateKind.Update, UpdateKind.Update, UpdateKind.Refresh], history.Select(h => h.Kind).ToArray());
        Assert.True(history[0].Succeeded);
        Assert.False(history[1].Succeeded);
        Assert.Contains("b", history[1].Failures.Single(), StringComparison.Ordinal);
        Assert.Equal(2, history[0].ResourceChanges["create"]);
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task UpAsync_StackLockedByAnother_FailsAtOnceNamingHolder(string backend)
    {
        using var t = new TestStack(backend: backend);
        using var held = t.Workspace.LockStack("dev", "up");
        var ex = await Assert.ThrowsAsync<StackLockedException>(() => t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" })));
        Assert.Contains(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Empty(t.Provider.Live);

        // Preview takes no lock.
        await t.PreviewAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }));
    }

    [Fact]
    public async Task Workspace_BackendUrlFromEnvironment_PutsStateThere()
    {
        var dir = Directory.CreateTempSubdirectory("kubedos-backend-").FullName;
        try
        {
            var workspace = Workspace.Create(new WorkspaceOptions
            {
                ProjectName = "proj",
                WorkDir = dir,
                Environment = name => name == Workspace.BackendUrlVariable ? "file://" + Path.Combine(dir, "elsewhere") : null,
            });
            await workspace.CreateStackAsync("one");
            Assert.True(File.Exists(Path.Combine(dir, "elsewhere", "stacks", "proj", "one.json")));
            Assert.Equal(["one"], await workspace.ListStacksAsync());
            await workspace.RemoveStackAsync("one", force: false);
            Assert.Empty(await workspace.ListStacksAsync());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task RemoveStackAsync_WithResources_RefusesWithoutForce(string backend)
    {
        using var t = new TestStack(backend: backend);
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }));
        await Assert.ThrowsAsync<StateException>(() => t.Workspace.RemoveStackAsync("dev", force: false));
        await t.Workspace.RemoveStackAsync("dev", force: true);
        Assert.Empty(await t.Workspace.ListStacksAsync());
    }
}
