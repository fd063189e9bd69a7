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
    public void Antichains_ChainOfAHundredThousand_OrdersEveryLinkWithoutRecursion()
    {
        // Recursion one frame per link overflowed the stack on a long chain; the order is dependents first.
        const int length = 100_000;
        var resources = Enumerable.Range(0, length).Select(i => i == 0 ? R("n0") : R($"n{i}", $"n{i - 1}")).ToArray();

        var chains = DeletePlanner.Antichains(resources);

        Assert.Equal(length, chains.Length);
        Assert.All(chains, c => Assert.Single(c));
        Assert.Equal($"n{length - 1}", chains[0][0].Urn.Name);
        Assert.Equal("n0", chains[^1][0].Urn.Name);
    }

    [Fact]
    public void Antichains_FanOfFiftyThousand_PutsEveryLeafInTheFirstAntichain()
    {
        const int width = 50_000;
        var resources = new[] { R("hub") }.Concat(Enumerable.Range(0, width).Select(i => R($"leaf{i}", "hub"))).ToArray();

        var chains = DeletePlanner.Antichains(resources);

        Assert.Equal(2, chains.Length);
        Assert.Equal(width, chains[0].Length);
        Assert.Equal("hub", Assert.Single(chains[1]).Urn.Name);
    }

    [Fact]
    public void Antichains_CycleBehindAcyclicResources_NamesOnlyTheCycle()
    {
        var e = Assert.Throws<StateException>(() => DeletePlanner.Antichains([R("base"), R("a", "base", "b"), R("b", "a"), R("top", "a")]));

        Assert.Contains($"{U("a").Value} -> {U("b").Value} -> {U("a").Value}", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(U("base").Value, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(U("top").Value, e.Message, StringComparison.Ordinal);
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
