using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Model;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Execution;

public sealed class ResourceStepsTests
{
    [Fact]
    public async Task Up_ChangedMutableInput_UpdatesInPlace()
    {
        using var t = new TestStack();
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "x" }));
        var id = t.Provider.Live.Keys.Single();
        var result = await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "y" }));
        Assert.Equal(1, result.Summary.Count("update"));
        Assert.Equal("y", t.Provider.Live[id]["value"].AsString());
        var pre = t.Events.OfType<ResourcePreEvent>().Last(e => e.Metadata.Urn == TestStack.UrnOf("a"));
        Assert.Equal(["value"], pre.Metadata.Diffs.ToArray());
        Assert.Equal(PropertyDiffKind.Update, pre.Metadata.DetailedDiff["value"].Kind);
        Assert.Empty(pre.Metadata.Keys);
    }

    [Fact]
    public async Task Up_ChangedImmutableAndMutableInputs_KeysNameOnlyWhatForcesTheReplacement()
    {
        using var t = new TestStack();
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "x", Immutable = "1" }));
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "y", Immutable = "2" }));

        var replace = t.Events.OfType<ResourcePreEvent>().First(e => e.Metadata.Urn == TestStack.UrnOf("a") && e.Metadata.Op == Kubedos.Engine.Planning.StepKind.Replace);
        Assert.Equal(["immutable"], replace.Metadata.Keys.ToArray());
        Assert.Equal(["immutable", "value"], replace.Metadata.Diffs.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Up_ChangedImmutableInput_ReplacesCreateBeforeDelete()
    {
        using var t = new TestStack();
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Immutable = "1" }));
        var result = await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Immutable = "2" }));
        Assert.Equal(1, result.Summary.Count("replace"));
        var calls = t.Provider.Calls.Where(c => !c.StartsWith("read", StringComparison.Ordinal)).ToList();
        Assert.Equal(["create a", "create a", "delete a"], calls);
        Assert.Single(t.Provider.Live);
        var pre = t.Events.OfType<ResourcePreEvent>().First(e => e.Metadata.Op == Kubedos.Engine.Planning.StepKind.Replace);
        Assert.Equal("immutable is immutable", pre.Metadata.DetailedDiff["immutable"].ReplaceReason);
        var checkpoint = await t.Stack.GetCheckpointAsync();
        Assert.DoesNotContain(checkpoint.Resources, r => r.Delete);
    }

    [Fact]
    public async Task Up_OldCopiesThatFailedToDelete_AreKeptApartAndDeletedLater()
    {
        using var t = new TestStack();
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Immutable = "1" }));
        t.Provider.FailDelete["a"] = true;
        await Assert.ThrowsAsync<UpdateFailedException>(() => t.UpAsync(s => _ = new Thing("a", new ThingArgs { Immutable = "2" })));
        await Assert.ThrowsAsync<UpdateFailedException>(() => t.UpAsync(s => _ = new Thing("a", new ThingArgs { Immutable = "3" })));
        var stuck = await t.Stack.GetCheckpointAsync();
        Assert.Equal(2, stuck.Resources.Count(r => r.Delete));
        Assert.Equal(3, t.Provider.Live.Count);

        t.Provider.FailDelete.Clear();
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Immutable = "3" }));
        Assert.Equal("3", t.Provider.Live.Values.Single()["immutable"].AsString());
        Assert.DoesNotContain((await t.Stack.GetCheckpointAsync()).Resources, r => r.Delete);
    }

    [Fact]
    public async Task Up_DeleteBeforeReplace_DeletesOldFirst()
    {
        using var t = new TestStack();
        var options = new ResourceOptions { DeleteBeforeReplace = true };
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Immutable = "1" }, options));
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Immutable = "2" }, options));
        Assert.Equal(["create a", "delete a", "create a"], t.Provider.Calls.ToArray());
        Assert.Equal("2", t.Provider.Live.Values.Single()["immutable"].AsString());
    }

    [Fact]
    public async Task Up_DeleteBeforeReplace_DeletesDependentsThatMustBeReplacedFirst()
    {
        using var t = new TestStack();
        void Program(Stack s, string version)
        {
            var root = new Thing("root", new ThingArgs { Immutable = version }, new ResourceOptions { DeleteBeforeReplace = true });
            _ = new Thing("pinned", new ThingArgs { Immutable = root.Serial });
            _ = new Thing("follower", new ThingArgs { Value = root.Serial });
        }

        await t.UpAsync(s => Program(s, "1"));
        var before = t.Provider.Calls.Count;
        var result = await t.UpAsync(s => Program(s, "2"));
        var calls = t.Provider.Calls.Skip(before).Where(c => !c.StartsWith("read", StringComparison.Ordinal)).ToList();
        Assert.True(calls.IndexOf("delete pinned") < calls.IndexOf("delete root"), string.Join(", ", calls));
        Assert.True(calls.IndexOf("delete root") < calls.LastIndexOf("create root"));
        Assert.True(calls.LastIndexOf("create root") < calls.LastIndexOf("create pinned"));
        Assert.Contains("update follower", calls);
        Assert.DoesNotContain("delete follower", calls);
        Assert.Equal(3, t.Provider.Live.Count);
        var root = t.Provider.LiveByName("root")!["serial"].AsString();
        Assert.Equal(root, t.Provider.LiveByName("pinned")!["immutable"].AsString());
        Assert.Equal(root, t.Provider.LiveByName("follower")!["value"].AsString());
        Assert.Equal(3, (await t.Stack.GetCheckpointAsync()).Resources.Count(r => r.Custom));
    }

    [Fact]
    public async Task Up_ReplaceOnChangesOption_TurnsUpdateIntoReplace()
    {
        using var t = new TestStack();
        var options = new ResourceOptions { ReplaceOnChanges = ["value"] };
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }, options));
        var result = await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "2" }, options));
        Assert.Equal(1, result.Summary.Count("replace"));
        Assert.Equal(0, t.Provider.Count("update"));
    }

    [Fact]
    public async Task Up_ReplaceOption_ReplacesUnchangedResource()
    {
        using var t = new TestStack();
        void Program(Stack s) => _ = new Thing("a", new ThingArgs { Value = "1" });
        await t.UpAsync(Program);
        var options = t.Options() with { Replace = [TestStack.UrnOf("a").Value] };
        var result = await t.UpAsync(Program, options);
        Assert.Equal(1, result.Summary.Count("replace"));
        Assert.Equal(2, t.Provider.Count("create"));
    }

    [Fact]
    public async Task Up_IgnoreChanges_KeepsOldValueAndMakesNoUpdate()
    {
        using var t = new TestStack();
        var options = new ResourceOptions { IgnoreChanges = ["value"] };
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }, options));
        var result = await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "2" }, options));
        Assert.Equal(0, result.Summary.Count("update"));
        Assert.Equal("1", t.Provider.Live.Values.Single()["value"].AsString());
    }

    [Fact]
    public async Task Up_RemovedResource_IsDeleted()
    {
        using var t = new TestStack();
        await t.UpAsync(s =>
        {
            _ = new Thing("a", new ThingArgs { Value = "1" });
            _ = new Thing("b", new ThingArgs { Value = "1" });
        });
        var result = await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }));
        Assert.Equal(1, result.Summary.Count("delete"));
        Assert.Null(t.Provider.LiveByName("b"));
        Assert.Null((await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("b")));
    }

    [Fact]
    public async Task Up_ProtectedResourceRemoved_FailsNamingUrnAndKeepsIt()
    {
        using var t = new TestStack();
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }, new ResourceOptions { Protect = true }));
        var ex = await Assert.ThrowsAsync<UpdateFailedException>(() => t.UpAsync(s => { }));
        var failure = Assert.Single(ex.Result!.Summary.Failures);
        Assert.Equal(TestStack.UrnOf("a"), failure.Urn);
        Assert.Contains("protected", failure.Message, StringComparison.Ordinal);
        Assert.NotNull(t.Provider.LiveByName("a"));
        Assert.NotNull((await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("a")));
    }

    [Fact]
    public async Task Up_ProtectedResourceNeedsReplace_FailsWithoutTouchingIt()
    {
        using var t = new TestStack();
        var options = new ResourceOptions { Protect = true };
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Immutable = "1" }, options));
        var ex = await Assert.ThrowsAsync<UpdateFailedException>(() => t.UpAsync(s => _ = new Thing("a", new ThingArgs { Immutable = "2" }, options)));
        Assert.Contains("protected", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, t.Provider.Count("create"));
        Assert.Equal(0, t.Provider.Count("delete"));
    }

    [Fact]
    public async Task Up_RetainOnDelete_ForgetsWithoutDeleting()
    {
        using var t = new TestStack();
        await t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }, new ResourceOptions { RetainOnDelete = true }));
        var result = await t.UpAsync(s => { });
        Assert.Equal(1, result.Summary.Count("delete"));
        Assert.Equal(0, t.Provider.Count("delete"));
        Assert.NotNull(t.Provider.LiveByName("a"));
        Assert.Null((await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("a")));
    }

    [Fact]
    public async Task Up_CustomTimeoutExceeded_FailsTheStep()
    {
        using var t = new TestStack();
        t.Provider.Delay = TimeSpan.FromSeconds(5);
        var options = new ResourceOptions { CustomTimeouts = new CustomTimeouts(Create: TimeSpan.FromMilliseconds(50)) };
        var ex = await Assert.ThrowsAsync<UpdateFailedException>(() => t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "1" }, options)));
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_CheckFailure_ReportsPropertyAndReason()
    {
        using var t = new TestStack();
        var ex = await Assert.ThrowsAsync<UpdateFailedException>(() => t.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "invalid" })));
        Assert.Contains("property 'value': 'invalid' is not allowed", ex.Message, StringComparison.Ordinal);
        Assert.Empty(t.Provider.Live);
    }

    [Fact]
    public async Task Up_DuplicateUrn_Fails()
    {
        using var t = new TestStack();
        var ex = await Assert.ThrowsAsync<UpdateFailedException>(() => t.UpAsync(s =>
        {
            _ = new Thing("a", new ThingArgs { Value = "1" });
            _ = new Thing("a", new ThingArgs { Value = "2" });
        }));
        Assert.Contains("already has this URN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_ComponentChildren_GetParentTypeInUrnAndParentInState()
    {
        using var t = new TestStack();
        await t.UpAsync(s => _ = new Group("g", "v"));
        var checkpoint = await t.Stack.GetCheckpointAsync();
        var child = checkpoint.Resources.Single(r => r.Urn.Name == "g-b");
        Assert.Equal("urn:pulumi:dev::proj::test:components:Group$fake:index:Thing::g-b", child.Urn.Value);
        Assert.Equal("urn:pulumi:dev::proj::test:components:Group::g", child.Parent!.Value);
        var group = checkpoint.Resources.Single(r => r.Urn.Name == "g");
        Assert.False(group.Custom);
        Assert.StartsWith("g-b#", group.Outputs["second"].AsString(), StringComparison.Ordinal);
        var order = checkpoint.Resources.Select(r => r.Urn.Name).ToList();
        Assert.True(order.IndexOf("g") < order.IndexOf("g-a"));
        Assert.True(order.IndexOf("g-a") < order.IndexOf("g-b"));
    }

    [Fact]
    public async Task Up_DependsOnComponent_WaitsForAllItsChildren()
    {
        using var t = new TestStack();
        t.Provider.Delay = TimeSpan.FromMilliseconds(30);
        await t.UpAsync(s =>
        {
            var g = new Group("g", "v");
            _ = new Thing("after", new ThingArgs { Value = "x" }, new ResourceOptions { DependsOn = [g] });
        });
        var spans = t.Provider.Spans.ToDictionary(s => s.Call);
        Assert.True(spans["create after"].Start >= spans["create g-b"].End);
        var after = (await t.Stack.GetCheckpointAsync()).Find(TestStack.UrnOf("after"))!;
        Assert.Contains(after.Dependencies, u => u.Name == "g-b");
    }

    private sealed class SelfDependent : ComponentResource
    {
        public SelfDependent(string name)
            : base("test:components:SelfDependent", name)
        {
            var a = new Thing($"{name}-a", new ThingArgs { Value = "1" }, new ResourceOptions { Parent = this, DependsOn = [this] });
            _ = new Thing($"{name}-b", new ThingArgs { Value = a.Serial }, new ResourceOptions { Parent = this, DependsOn = [this] });
        }
    }

    [Fact]
    public async Task Up_ChildrenDependingOnTheirParent_DoNotDeadlock()
    {
        using var t = new TestStack();
        var up = t.UpAsync(s => _ = new SelfDependent("c"));
        Assert.Same(up, await Task.WhenAny(up, Task.Delay(TimeSpan.FromSeconds(20))));
        await up;
        Assert.Equal(2, t.Provider.Live.Count);
    }
}
