using Kubedos.Engine.Model;
using Kubedos.Engine.Planning;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Tests.Planning;

public sealed class DeletePlannerTests
{
    private static Urn U(string name) => Urn.Create("s", "p", string.Empty, "t:i:T", name);

    private static ResourceState R(string name, params string[] deps) =>
        new(U(name), "t:i:T", Custom: true) { Id = name, Dependencies = [.. deps.Select(U)] };

    [Fact]
    public void Antichains_Diamond_DeletesDependentsFirstAndSiblingsTogether()
    {
        var resources = new[] { R("root"), R("left", "root"), R("right", "root"), R("top", "left", "right") };
        var chains = DeletePlanner.Antichains(resources);
        Assert.Equal(
            [["top"], ["left", "right"], ["root"]],
            chains.Select(c => c.Select(r => r.Urn.Name).Order().ToArray()).ToArray());
    }

    [Fact]
    public void Antichains_Cycle_IsAStateErrorNamingThePath()
    {
        var e = Assert.Throws<StateException>(() => DeletePlanner.Antichains([R("a", "b"), R("b", "a")]));

        Assert.Contains($"{U("a").Value} -> {U("b").Value} -> {U("a").Value}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MustDeleteFirst_ChildOfComponent_IsDeletedBeforeParent()
    {
        var parent = new ResourceState(U("g"), "c:i:G", Custom: false);
        var child = R("c") with { Parent = U("g") };
        var first = DeletePlanner.MustDeleteFirst([parent, child]);
        Assert.Same(child, Assert.Single(first[parent]));
        Assert.Empty(first[child]);
    }

    [Fact]
    public void MustDeleteFirst_DependencyOutsideTheSet_IsIgnored()
    {
        var first = DeletePlanner.MustDeleteFirst([R("a", "kept")]);
        Assert.Empty(first.Values.Single());
    }

    [Fact]
    public void WithDependents_Chain_IncludesTransitiveDependents()
    {
        var all = new[] { R("a"), R("b", "a"), R("c", "b"), R("d") };
        Assert.Equal(["a", "b", "c"], DeletePlanner.WithDependents([U("a")], all).Select(u => u.Name).Order().ToArray());
    }
}
