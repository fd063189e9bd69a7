using System.Reflection;
using Kubedos.Engine.Cli;

namespace Kubedos.Engine.Tests.Cli;

public sealed class CommandFailureTests
{
    [Fact]
    public async Task RunAsync_WrappedException_ReportsTheCauseWithItsExitCode()
    {
        using var error = new StringWriter();

        var exit = await CommandFailure.RunAsync(error, "demo", () => throw new TargetInvocationException(new UsageException("--x 3: must be 1 to 2")));

        Assert.Equal(EngineExitCodes.Usage, exit);
        Assert.Equal("kubedos demo: --x 3: must be 1 to 2", error.ToString().TrimEnd());
    }

    [Fact]
    public async Task RunAsync_FileTheMachineRefuses_ExitsOneWithOneLineNotATrace()
    {
        using var error = new StringWriter();

        var exit = await CommandFailure.RunAsync(error, "demo", () => throw new UnauthorizedAccessException("Access to the path '/root/x' is denied."));

        Assert.Equal(EngineExitCodes.OperationFailed, exit);
        Assert.Equal("kubedos demo: Access to the path '/root/x' is denied.", error.ToString().TrimEnd());
    }

    [Fact]
    public async Task RunAsync_Bug_ExitsSeventyWithTheTrace()
    {
        using var error = new StringWriter();

        var exit = await CommandFailure.RunAsync(error, "demo", () => throw new NullReferenceException("oops"));

        Assert.Equal(EngineExitCodes.InternalError, exit);
        Assert.Contains("System.NullReferenceException: oops", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlock_LockPathIsADirectory_ExitsSevenNamingThePath()
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");
        var lockPath = Path.Combine(p.Dir, ".kubedos", "locks", "demo", "dev.json");
        Directory.CreateDirectory(lockPath);

        Assert.Equal(EngineExitCodes.StateError, await p.RunAsync("stack", "unlock", "--force"));
        Assert.Equal(EngineExitCodes.StateError, await p.RunAsync("up", "--yes"));

        var lines = p.Error.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.Contains($"the lock of stack 'dev' at {lockPath} is a directory, not a lock file", line, StringComparison.Ordinal));
        Assert.Empty(p.Provider.Calls);
    }

    [Fact]
    public async Task Export_FileIsADirectory_ExitsTwoNamingTheOption()
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");

        Assert.Equal(EngineExitCodes.Usage, await p.RunAsync("stack", "export", "--file", p.Dir));

        Assert.Contains($"--file {p.Dir}: is a directory; give the path of a file to write", p.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("preview", "--stack", "dev")]
    [InlineData("config", "set", "--stack", "dev", "greeting", "hello")]
    [InlineData("stack", "ls")]
    public async Task Verb_OutsideAProject_ExitsFiveNamingPulumiYaml(params string[] args)
    {
        using var p = new CliProject();
        File.Delete(Path.Combine(p.Dir, "Pulumi.yaml"));

        Assert.Equal(EngineExitCodes.ConfigError, await p.RunAsync(args));

        var line = Assert.Single(p.Error.TrimEnd().Split('\n'));
        Assert.EndsWith($"no Pulumi.yaml in {p.Dir}: run kubedos in the project directory (the one holding Pulumi.yaml)", line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(p.Dir));
    }
}
