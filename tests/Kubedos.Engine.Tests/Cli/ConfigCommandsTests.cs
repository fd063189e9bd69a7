using Kubedos.Engine.Cli;

namespace Kubedos.Engine.Tests.Cli;

public sealed class ConfigCommandsTests
{
    [Fact]
    public async Task SetGetRm_PlainAndSecret()
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");

        await p.RunOkAsync("config", "set", "region", "eu");
        await p.RunOkAsync("config", "set", "token", "hunter2", "--secret");
        await p.RunOkAsync("config");

        var file = File.ReadAllText(Path.Combine(p.Dir, "Pulumi.dev.yaml"));
        Assert.Contains("demo:region: eu", file, StringComparison.Ordinal);
        Assert.Contains("demo:token:\n    secure: v1:", file, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", file, StringComparison.Ordinal);
        Assert.Contains("demo:token", p.Screen, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", p.Screen, StringComparison.Ordinal);

        await p.RunOkAsync("config", "get", "token");
        await p.RunOkAsync("config", "rm", "region");
        Assert.Equal("hunter2", p.Out.Trim());
        Assert.Equal(EngineExitCodes.ConfigError, await p.RunAsync("config", "get", "region"));
    }

    [Fact]
    public async Task Set_SecretWithoutPassphrase_ExitsConfigErrorNamingTheVariables()
    {
        using var p = new CliProject();
        p.Environment.Clear();
        await p.RunOkAsync("stack", "init", "dev");

        var code = await p.RunAsync("config", "set", "token", "x", "--secret");

        Assert.Equal(EngineExitCodes.ConfigError, code);
        Assert.Contains("KUBEDOS_CONFIG_PASSPHRASE or KUBEDOS_CONFIG_PASSPHRASE_FILE", p.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WrongPassphrase_ExitsConfigError()
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");
        await p.RunOkAsync("config", "set", "token", "x", "--secret");
        p.Environment["KUBEDOS_CONFIG_PASSPHRASE"] = "wrong";

        Assert.Equal(EngineExitCodes.ConfigError, await p.RunAsync("config", "get", "token"));
        Assert.Contains("incorrect passphrase", p.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_ValueFromStdin()
    {
        using var p = new CliProject();
        p.Host = p.Host with { In = new StringReader("from stdin\n") };
        await p.RunOkAsync("stack", "init", "dev");

        await p.RunOkAsync("config", "set", "token", "--secret");
        await p.RunOkAsync("config", "get", "token");

        Assert.Equal("from stdin", p.Out.Trim());
    }
}
