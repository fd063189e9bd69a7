using Kubedos.Engine.Model;

namespace Kubedos.Engine.Tests.Model;

public sealed class PropertyMapTests
{
    [Fact]
    public void Keys_AnyInsertionOrder_AreOrdinalSorted()
    {
        var map = PropertyMap.Of(("b", 1.0), ("a", 2.0), ("B", 3.0));
        Assert.Equal(["B", "a", "b"], map.Keys);
    }

    [Fact]
    public void Set_ExistingMap_LeavesOriginalUnchanged()
    {
        var map = PropertyMap.Of(("a", 1.0));
        var changed = map.Set("a", 2.0).Set("b", "x");
        Assert.Equal(1.0, map["a"].AsNumber());
        Assert.Equal(2, changed.Count);
        Assert.Single(changed.Remove("b"));
    }

    [Fact]
    public void Equals_DifferentValue_IsFalse()
    {
        Assert.NotEqual(PropertyMap.Of(("a", 1.0)), PropertyMap.Of(("a", 2.0)));
        Assert.Equal(PropertyMap.Empty, PropertyMap.From([]));
    }
}
