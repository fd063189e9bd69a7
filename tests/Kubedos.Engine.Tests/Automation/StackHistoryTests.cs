using Kubedos.Engine.State;
using Kubedos.Engine.Tests.Backends;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Automation;

public sealed class StackHistoryTests
{
    [Theory]
    [MemberData(nameof(StateBackends.All), MemberType = typeof(StateBackends))]
    public async Task GetHistoryAsync_Paged_NewestFirstWithVersions(string backend)
    {
        using var t = new TestStack(backend: backend);
        for (var i = 0; i < 3; i++)
        {
            await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }));
        }

        await t.Stack.RefreshAsync();

        var first = await t.Stack.GetHistoryAsync(pageSize: 3, page: 1);
        var second = await t.Stack.GetHistoryAsync(pageSize: 3, page: 2);
        var beyond = await t.Stack.GetHistoryAsync(pageSize: 3, page: 3);
        var all = await t.Stack.GetHistoryAsync(pageSize: 0, page: 1);

        Assert.Equal([4, 3, 2], first.Select(e => e.Version).ToArray());
        Assert.Equal(UpdateKind.Refresh, first[0].Update.Kind);
        Assert.Equal([1], second.Select(e => e.Version).ToArray());
        Assert.Empty(beyond);
        Assert.Equal(4, all.Count);
    }
}
