using Kubedos.Engine.Config;

namespace Kubedos.Engine.Tests.Config;

public sealed class ConfigKeyTests
{
    [Fact]
    public void Parse_Qualified_KeepsNamespace()
    {
        Assert.Equal(new ConfigKey("aws", "region"), ConfigKey.Parse("aws:region", "kubedos"));
    }

    [Fact]
    public void Parse_Unqualified_UsesProjectNamespace()
    {
        var key = ConfigKey.Parse("spec", "kubedos");

        Assert.Equal("kubedos:spec", key.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a:b:c")]
    [InlineData(":b")]
    [InlineData("a:")]
    public void Parse_Malformed_ThrowsWithKey(string key)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigKey.Parse(key, "kubedos"));

        Assert.Equal(key, error.Key);
    }
}
