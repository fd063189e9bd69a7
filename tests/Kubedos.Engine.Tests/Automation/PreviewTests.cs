using System.Collections.Immutable;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Model;
using Kubedos.Engine.Planning;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Automation;

public sealed class PreviewTests
{
    [Fact]
    public async Task PreviewAsync_NewStack_ChangesNothingAndShowsUnknowns()
    {
        using var t = new TestStack();
        var seen = new List<string>();
        var result = await t.PreviewAsync(s =>
        {
            var a = new Thing("a", new ThingArgs { Value = "x" });
            a.Serial.Apply(v =>
            {
                seen.Add(v);
                return v;
            });
            _ = new Thing("b", new ThingArgs { Value = a.Serial });
        });

        Assert.Equal(3, result.Summary.Count("create"));
        Assert.Empty(t.Provider.Live);
        Assert.Equal(0, t.Provider.Count("create"));
        Assert.Empty(seen);
        Assert.Empty((await t.Stack.GetCheckpointAsync()).Resources);
        var b = t.Events.OfType<ResourcePreEvent>().Single(e => e.Metadata.Urn.Name == "b");
        Assert.True(b.Planning);
        Assert.True(b.Metadata.New!.Inputs["value"].IsUnknown);
        Assert.Contains(PropertyValue.UnknownSentinel, EngineEventJson.Serialize(b), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewAsync_ExistingStack_ShowsUpdatesAndReplacesWithoutCallingProvider()
    {
        using var t = new TestStack();
        await t.UpAsync(s =>
        {
            _ = new Thing("a", new ThingArgs { Value = "1" });
            _ = new Thing("b", new ThingArgs { Immutable = "1" });
            _ = new Thing("c", new ThingArgs { Value = "1" });
        });
        var calls = t.Provider.Calls.Count;
        var result = await t.PreviewAsync(s =>
        {
            _ = new Thing("a", new ThingArgs { Value = "2" });
            _ = new Thing("b", new ThingArgs { Immutable = "2" });
        });
        Assert.Equal(1, result.Summary.Count("update"));
        Assert.Equal(1, result.Summary.Count("replace"));
        Assert.Equal(1, result.Summary.Count("delete"));
        Assert.Equal(calls, t.Provider.Calls.Count);
        Assert.Equal(3, t.Provider.Live.Count);
        var ops = t.Events.OfType<ResourcePreEvent>().Where(e => e.Planning).Select(e => (e.Metadata.Urn.Name, e.Metadata.Op)).ToList();
        Assert.Contains(("b", StepKind.DeleteReplaced), ops);
        Assert.Contains(("c", StepKind.Delete), ops);
    }

    [Fact]
    public async Task PreviewAsync_ProtectedReplace_IsReportedAsFailure()
    {
        using var t = new TestStack();
        var options = new ResourceOptions { Protect = true };
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Immutable = "1" }, options));
        var ex = await Assert.ThrowsAsync<Kubedos.Engine.Automation.UpdateFailedException>(() =>
            t.PreviewAsync(s => _ = new Thing("a", new ThingArgs { Immutable = "2" }, options)));
        Assert.Contains(TestStack.UrnOf("a").Value, ex.Message, StringComparison.Ordinal);
        Assert.Contains("protected", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewAsync_ListInputsAndAllOutputs_FlowIntoInputs()
    {
        using var t = new TestStack();
        await t.UpAsync(s =>
        {
            var a = new Thing("a", new ThingArgs { Value = "1" });
            var b = new Thing("b", new ThingArgs { Value = "2" });
            _ = new Thing("c", new ThingArgs { Tags = Output.All(a.Value, b.Value) });
        });
        var c = t.Provider.LiveByName("c")!;
        Assert.Equal(["1", "2"], c["tags"].AsArray().Select(v => v.AsString()).ToArray());
        Assert.Equal(ImmutableArray.Create(TestStack.UrnOf("a"), TestStack.UrnOf("b")).ToArray(),
            (await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("c"))!.Dependencies.Order(Comparer<Urn>.Create((x, y) => string.CompareOrdinal(x.Value, y.Value))).ToArray());
    }
}
