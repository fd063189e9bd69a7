using Kubedos.Engine.Model;
using Kubedos.Engine.Planning;

namespace Kubedos.Engine.Tests.Planning;

public sealed class TargetSetTests
{
    private static Urn U(string name) => Urn.Create("s", "p", string.Empty, "t:i:T", name);

    [Fact]
    public void Includes_NoTargets_IncludesEverything()
    {
        Assert.True(new TargetSet(null, false).Includes(U("x"), []));
    }

    [Fact]
    public void Includes_Dependents_OnlyWithTargetDependents()
    {
        var without = new TargetSet([U("a").Value], false);
        Assert.True(without.Includes(U("a"), []));
        Assert.False(without.Includes(U("b"), [U("a")]));

        var with = new TargetSet([U("a").Value], true);
        Assert.True(with.Includes(U("a"), []));
        Assert.True(with.Includes(U("b"), [U("a")]));
        Assert.True(with.Includes(U("c"), [U("b")]));
        Assert.False(with.Includes(U("d"), []));
    }

    [Theory]
    [InlineData("urn:pulumi:s::p::t:i:T::a*", "abc", true)]
    [InlineData("urn:pulumi:s::p::*::abc", "abc", true)]
    [InlineData("*::b*", "abc", false)]
    [InlineData("urn:pulumi:s::p::t:i:T::a*c", "abc", true)]
    public void Names_Wildcards_MatchUrns(string pattern, string name, bool expected)
    {
        Assert.Equal(expected, new TargetSet([pattern], false).Names(U(name)));
    }
}
