using Kubedos.Engine.Automation;
using Kubedos.Engine.Model;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Execution;

public sealed class TargetingTests
{
    private static void Program(Stack s, string value)
    {
        var a = new Thing("a", new ThingArgs { Value = value });
        _ = new Thing("b", new ThingArgs { Value = a.Value });
        _ = new Thing("c", new ThingArgs { Value = value });
    }

    [Fact]
    public async Task Up_Target_ChangesOnlyTargeted()
    {
        using var t = new TestStack();
        await t.UpAsync(s => Program(s, "1"));
        var options = t.Options() with { Target = [TestStack.UrnOf("a").Value] };
        var result = await t.UpAsync(s => Program(s, "2"), options);
        Assert.Equal(1, result.Summary.Count("update"));
        Assert.Equal("2", t.Provider.LiveByName("a")!["value"].AsString());
        Assert.Equal("1", t.Provider.LiveByName("b")!["value"].AsString());
        Assert.Equal("1", t.Provider.LiveByName("c")!["value"].AsString());
    }

    [Fact]
    public async Task Up_TargetDependents_AlsoChangesDependents()
    {
        using var t = new TestStack();
        await t.UpAsync(s => Program(s, "1"));
        var options = t.Options() with { Target = [TestStack.UrnOf("a").Value], TargetDependents = true };
        var result = await t.UpAsync(s => Program(s, "2"), options);
        Assert.Equal(2, result.Summary.Count("update"));
        Assert.Equal("2", t.Provider.LiveByName("b")!["value"].AsString());
        Assert.Equal("1", t.Provider.LiveByName("c")!["value"].AsString());
    }

    [Fact]
    public async Task Up_TargetWithWildcard_CreatesOnlyMatches()
    {
        using var t = new TestStack();
        var options = t.Options() with { Target = ["urn:pulumi:dev::proj::fake:index:Thing::c*"] };
        await t.UpAsync(s => Program(s, "1"), options);
        Assert.NotNull(t.Provider.LiveByName("c"));
        Assert.Null(t.Provider.LiveByName("a"));
    }

    [Fact]
    public async Task Up_TargetedRemovalOnly_DeletesOnlyTargeted()
    {
        using var t = new TestStack();
        await t.UpAsync(s => Program(s, "1"));
        var options = t.Options() with { Target = [TestStack.UrnOf("c").Value] };
        await t.UpAsync(s => { }, options);
        Assert.Null(t.Provider.LiveByName("c"));
        Assert.NotNull(t.Provider.LiveByName("a"));
    }

    [Fact]
    public async Task Destroy_TargetWithUntargetedDependent_FailsBeforeDeleting()
    {
        using var t = new TestStack();
        await t.UpAsync(s => Program(s, "1"));
        var ex = await Assert.ThrowsAsync<UpdateFailedException>(() => t.Stack.DestroyAsync(new DestroyOptions { Target = [TestStack.UrnOf("a").Value] }));
        Assert.Equal("b", Assert.Single(ex.Result!.Summary.Failures).Urn!.Name);
        Assert.Equal(0, t.Provider.Count("delete"));

        await t.Stack.DestroyAsync(new DestroyOptions { Target = [TestStack.UrnOf("a").Value], TargetDependents = true });
        Assert.Null(t.Provider.LiveByName("a"));
        Assert.Null(t.Provider.LiveByName("b"));
        Assert.NotNull(t.Provider.LiveByName("c"));
    }
}
