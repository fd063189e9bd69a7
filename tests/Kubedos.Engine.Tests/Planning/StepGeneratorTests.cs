using Kubedos.Engine.Model;
using Kubedos.Engine.Planning;
using Kubedos.Engine.Providers;

namespace Kubedos.Engine.Tests.Planning;

public sealed class StepGeneratorTests
{
    private static DiffResponse Changed(params string[] keys) => new(DiffChanges.Some, keys, []);

    [Fact]
    public void Decide_NoChange_IsSame()
    {
        Assert.Equal(StepKind.Same, StepGenerator.Decide(DiffResponse.NoChange, [], false, false, false).Kind);
    }

    [Fact]
    public void Decide_ChangeWithoutReplaceKeys_IsUpdate()
    {
        var d = StepGenerator.Decide(Changed("a"), [], false, false, false);
        Assert.Equal(StepKind.Update, d.Kind);
        Assert.Equal(["a"], d.ChangedKeys.ToArray());
    }

    [Fact]
    public void Decide_ProviderReplaceKey_IsReplaceWithReason()
    {
        var diff = new DiffResponse(DiffChanges.Some, ["a"], [new ReplaceReason("a", "immutable")]);
        var d = StepGenerator.Decide(diff, [], false, false, false);
        Assert.Equal(StepKind.Replace, d.Kind);
        Assert.Equal("immutable", d.ReplaceReasons.Single().Reason);
        Assert.False(d.DeleteBeforeReplace);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("*")]
    [InlineData("a.inner")]
    public void Decide_ReplaceOnChangesMatches_IsReplace(string pattern)
    {
        Assert.Equal(StepKind.Replace, StepGenerator.Decide(Changed("a"), [pattern], false, false, false).Kind);
    }

    [Fact]
    public void Decide_ReplaceOnChangesOtherKey_IsUpdate()
    {
        Assert.Equal(StepKind.Update, StepGenerator.Decide(Changed("a"), ["b"], false, false, false).Kind);
    }

    [Fact]
    public void Decide_ForcedOrProviderChanged_IsReplaceEvenWithoutDiff()
    {
        Assert.Equal(StepKind.Replace, StepGenerator.Decide(DiffResponse.NoChange, [], true, false, false).Kind);
        var d = StepGenerator.Decide(DiffResponse.NoChange, [], false, true, false);
        Assert.Equal("provider", d.ReplaceReasons.Single().Property);
    }

    [Fact]
    public void Decide_DeleteBeforeReplace_FromOptionOrProvider()
    {
        var diff = new DiffResponse(DiffChanges.Some, ["a"], [new ReplaceReason("a", "r")]);
        Assert.True(StepGenerator.Decide(diff, [], false, false, true).DeleteBeforeReplace);
        Assert.True(StepGenerator.Decide(diff with { DeleteBeforeReplace = true }, [], false, false, false).DeleteBeforeReplace);
    }

    [Fact]
    public void ApplyIgnoreChanges_TopLevelAndNestedPaths_KeepOldValues()
    {
        var olds = PropertyMap.Of(("a", "1"), ("tags", PropertyMap.Of(("owner", "me"), ("env", "dev"))));
        var news = PropertyMap.Of(("a", "2"), ("b", "new"), ("tags", PropertyMap.Of(("owner", "you"), ("env", "prod"))));
        var result = StepGenerator.ApplyIgnoreChanges(olds, news, ["a", "b", "tags.owner"]);
        Assert.Equal("1", result["a"].AsString());
        Assert.False(result.ContainsKey("b"));
        Assert.Equal("me", result["tags"].AsObject()["owner"].AsString());
        Assert.Equal("prod", result["tags"].AsObject()["env"].AsString());
        Assert.Equal(olds, StepGenerator.ApplyIgnoreChanges(olds, news, ["*"]));
    }
}
