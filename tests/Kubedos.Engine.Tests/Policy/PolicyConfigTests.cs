using Kubedos.Engine.Policy;

namespace Kubedos.Engine.Tests.Policy;

public sealed class PolicyConfigTests
{
    private static readonly ResourceValidationPolicy Advisory = new("a", "A", EnforcementLevel.Advisory, (_, _) => { });
    private static readonly ResourceValidationPolicy Mandatory = new("m", "M", EnforcementLevel.Mandatory, (_, _) => { });

    [Fact]
    public void Parse_AllOnly_OverridesEveryPolicy()
    {
        var config = PolicyConfig.Parse("""{"all": "disabled"}""");

        Assert.Equal(EnforcementLevel.Disabled, config.LevelOf(Advisory));
        Assert.Equal(EnforcementLevel.Disabled, config.LevelOf(Mandatory));
    }

    [Fact]
    public void Parse_PolicyEntry_BeatsAll()
    {
        var config = PolicyConfig.Parse("""{"all": "advisory", "m": "mandatory", "a": {"enforcementLevel": "disabled"}}""");

        Assert.Equal(EnforcementLevel.Mandatory, config.LevelOf(Mandatory));
        Assert.Equal(EnforcementLevel.Disabled, config.LevelOf(Advisory));
    }

    [Fact]
    public void Parse_AllAsObject_IsAccepted()
    {
        var config = PolicyConfig.Parse("""{"all": {"enforcementLevel": "mandatory"}}""");

        Assert.Equal(EnforcementLevel.Mandatory, config.LevelOf(Advisory));
    }

    [Fact]
    public void Parse_ObjectWithoutLevel_KeepsDeclaredLevelAndHandsOverSettings()
    {
        var config = PolicyConfig.Parse("""{"all": "advisory", "m": {"maxNodes": 5}}""");

        Assert.Equal(EnforcementLevel.Advisory, config.LevelOf(Mandatory));
        Assert.Equal(5, config.SettingsOf("m")["maxNodes"]!.GetValue<int>());
        Assert.Empty(config.SettingsOf("a"));
    }

    [Fact]
    public void Empty_KeepsDeclaredLevels()
    {
        Assert.Equal(EnforcementLevel.Advisory, PolicyConfig.Empty.LevelOf(Advisory));
        Assert.Equal(EnforcementLevel.Mandatory, PolicyConfig.Empty.LevelOf(Mandatory));
    }

    [Fact]
    public void Parse_UnknownLevel_ThrowsNamingPolicyAndLevel()
    {
        var error = Assert.Throws<PolicyConfigException>(() => PolicyConfig.Parse("""{"m": "strict"}""", "policy.json"));

        Assert.Equal("m", error.Key);
        Assert.Equal("policy.json", error.File);
        Assert.Contains("'strict'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_ThrowsWithLine()
    {
        var error = Assert.Throws<PolicyConfigException>(() => PolicyConfig.Parse("{\n\"m\": \n}", "policy.json"));

        Assert.Equal(3, error.Line);
        Assert.StartsWith("policy.json:3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotAnObject_Throws()
    {
        Assert.Throws<PolicyConfigException>(() => PolicyConfig.Parse("[]"));
    }

    [Fact]
    public void Load_File_ReadsItAndNamesItInErrors()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"a": "mandatory"}""");
            Assert.Equal(EnforcementLevel.Mandatory, PolicyConfig.Load(path).LevelOf(Advisory));

            File.WriteAllText(path, """{"a": 3}""");
            Assert.Equal(path, Assert.Throws<PolicyConfigException>(() => PolicyConfig.Load(path)).File);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
