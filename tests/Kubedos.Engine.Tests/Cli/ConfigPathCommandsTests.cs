using Kubedos.Engine.Cli;

namespace Kubedos.Engine.Tests.Cli;

public sealed class ConfigPathCommandsTests
{
    [Fact]
    public async Task SetGetRm_Path_EditsNestedValues()
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");

        await p.RunOkAsync("config", "set", "--path", "lab.nodes[0].name", "n1");
        await p.RunOkAsync("config", "set", "--path", "lab[\"dns.zone\"]", "lab.test");
        await p.RunOkAsync("config", "set", "--path", "lab.nodes[1].name", "n2");
        await p.RunOkAsync("config", "rm", "--path", "lab.nodes[0]");
        await p.RunOkAsync("config", "get", "--path", "lab.nodes[0].name");

        Assert.Equal("n2", p.Out.Trim());
        var file = File.ReadAllText(Path.Combine(p.Dir, "Pulumi.dev.yaml"));
        Assert.Contains("demo:lab:", file, StringComparison.Ordinal);
        Assert.Contains("dns.zone: lab.test", file, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_PathPastTheEnd_ExitsConfigErrorNamingThePath()
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");

        Assert.Equal(EngineExitCodes.ConfigError, await p.RunAsync("config", "set", "--path", "names[2]", "x"));

        Assert.Contains("names[2]", p.Error, StringComparison.Ordinal);
        Assert.Contains("the next index is 0", p.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_PathNotSet_ExitsConfigError()
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");
        await p.RunOkAsync("config", "set", "--path", "a.b", "1");

        Assert.Equal(EngineExitCodes.ConfigError, await p.RunAsync("config", "get", "--path", "a.c"));
        Assert.Contains("a.c", p.Error, StringComparison.Ordinal);
    }
}
