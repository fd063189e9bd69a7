using Kubedos.Engine.Model;

namespace Kubedos.Engine.Tests.Model;

public sealed class UrnTests
{
    [Fact]
    public void Create_ChildOfComponent_JoinsTypesWithDollar()
    {
        var parent = Urn.Create("lab-01", "kubedos", string.Empty, "kubedos:components:PlaneSet", "planes");
        var urn = Urn.Create("lab-01", "kubedos", parent.QualifiedTypeForChildren, "wireguard:index:Key", "cp-1-wg1");
        Assert.Equal("urn:pulumi:lab-01::kubedos::kubedos:components:PlaneSet$wireguard:index:Key::cp-1-wg1", urn.Value);
        Assert.Equal("wireguard:index:Key", urn.Type);
    }

    [Fact]
    public void Create_ChildOfStack_HasNoStackPrefix()
    {
        var stack = Urn.Create("dev", "p", string.Empty, Urn.RootStackType, "p-dev");
        var child = Urn.Create("dev", "p", stack.QualifiedTypeForChildren, "random:index:Id", "a");
        Assert.Equal("urn:pulumi:dev::p::random:index:Id::a", child.Value);
    }

    [Fact]
    public void Parse_NameWithDoubleColons_KeepsRestAsName()
    {
        var urn = Urn.Parse("urn:pulumi:dev::p::a:b:C$d:e:F::name::with::colons");
        Assert.Equal("name::with::colons", urn.Name);
        Assert.Equal("a:b:C$d:e:F", urn.QualifiedType);
        Assert.Equal("d:e:F", urn.Type);
        Assert.Equal(urn, Urn.Parse(urn.Value));
    }

    [Theory]
    [InlineData("urn:pulumi:dev::p::t")]
    [InlineData("urn:other:dev::p::t::n")]
    [InlineData("")]
    public void TryParse_Malformed_IsFalse(string text)
    {
        Assert.False(Urn.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Urn.Parse(text));
    }
}
