using Kubedos.Engine.Model;

namespace Kubedos.Engine.Tests.Model;

public sealed class PropertyValueTests
{
    [Fact]
    public void Equals_SameStructure_IsEqual()
    {
        var a = PropertyValue.Of(PropertyMap.Of(("x", 1.0), ("y", PropertyValue.Array("a", true))));
        var b = PropertyValue.Of(PropertyMap.Of(("y", PropertyValue.Array("a", true)), ("x", 1.0)));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Equals_SecretAndPlain_AreDifferent()
    {
        Assert.NotEqual(PropertyValue.Secret("s"), PropertyValue.Of("s"));
        Assert.Equal(PropertyValue.Secret("s"), PropertyValue.Secret(PropertyValue.Secret("s")));
    }

    [Fact]
    public void ContainsUnknowns_NestedUnknown_IsTrue()
    {
        var v = PropertyValue.Array("a", PropertyValue.Of(PropertyMap.Of(("k", PropertyValue.Unknown))));
        Assert.True(v.ContainsUnknowns);
        Assert.False(PropertyValue.Of("a").ContainsUnknowns);
    }

    [Fact]
    public void ToString_Secret_NeverShowsPlaintext()
    {
        var v = PropertyValue.Of(PropertyMap.Of(("password", PropertyValue.Secret("hunter2"))));
        Assert.DoesNotContain("hunter2", v.ToString(), StringComparison.Ordinal);
        Assert.Contains("[secret]", v.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutSecrets_NestedSecret_Unwraps()
    {
        var v = PropertyValue.Of(PropertyMap.Of(("p", PropertyValue.Secret("x"))));
        Assert.Equal(PropertyValue.Of(PropertyMap.Of(("p", "x"))), v.WithoutSecrets());
    }

    [Fact]
    public void AsString_OnNumber_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => PropertyValue.Of(1.0).AsString());
    }
}
