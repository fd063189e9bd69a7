using System.Collections.Immutable;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.Tests.Providers;

public sealed class PropertyMapperTests
{
    public enum Algorithm
    {
        Rsa,
        Ecdsa,
    }

    public sealed record Nested(string Host, int Port);

    public sealed record Sample(
        string Name,
        [property: Secret] string Password,
        int Count,
        bool Enabled,
        Algorithm Algorithm,
        IReadOnlyList<string> Tags,
        ImmutableArray<int> Ports,
        IReadOnlyDictionary<string, string> Labels,
        Nested Endpoint,
        string? Optional = null,
        double? Ratio = null);

    private static Sample Make() => new(
        "n", "pw", 3, true, Algorithm.Ecdsa, ["a", "b"], [22, 80],
        new Dictionary<string, string> { ["k"] = "v" }, new Nested("h", 443));

    [Fact]
    public void ToMap_Record_UsesCamelCaseAndMarksSecrets()
    {
        var map = PropertyMapper.ToMap(Make());
        Assert.Equal("n", map["name"].AsString());
        Assert.True(map["password"].IsSecret);
        Assert.Equal(3, map["count"].AsNumber());
        Assert.Equal("Ecdsa", map["algorithm"].AsString());
        Assert.Equal(443, map["endpoint"].AsObject()["port"].AsNumber());
        Assert.False(map.ContainsKey("optional"));
    }

    [Fact]
    public void FromMap_RoundTrip_GivesEqualValues()
    {
        var original = Make();
        var back = PropertyMapper.FromMap<Sample>(PropertyMapper.ToMap(original));
        Assert.Equal(original.Name, back.Name);
        Assert.Equal("pw", back.Password);
        Assert.Equal(original.Tags, back.Tags);
        Assert.Equal(original.Ports.ToArray(), back.Ports.ToArray());
        Assert.Equal("v", back.Labels["k"]);
        Assert.Equal(original.Endpoint, back.Endpoint);
        Assert.Null(back.Optional);
        Assert.Null(back.Ratio);
    }

    [Fact]
    public void FromMap_UnknownValue_NamesTheProperty()
    {
        var map = PropertyMapper.ToMap(Make()).Set("name", PropertyValue.Unknown);
        var ex = Assert.Throws<InvalidOperationException>(() => PropertyMapper.FromMap<Sample>(map));
        Assert.Contains("'name'", ex.Message, StringComparison.Ordinal);
    }
}
