using Kubedos.Engine.Cli;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Cli;

public sealed class StackRenameCommandTests
{
    [Fact]
    public async Task Rename_MovesStateConfigHistoryAndSelection()
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "dev");
        await p.RunOkAsync("config", "set", "token", "hunter2", "--secret");
        p.Program(s => _ = new Thing("a", new ThingArgs { Value = "x" }));
        await p.RunOkAsync("up", "--yes");

        await p.RunOkAsync("stack", "rename", "prod");

        Assert.Contains("Renamed dev to prod", p.Screen, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(p.Dir, "Pulumi.dev.yaml")));
        Assert.True(File.Exists(Path.Combine(p.Dir, "Pulumi.prod.yaml")));
        Assert.Contains("urn:pulumi:prod::demo::", File.ReadAllText(Path.Combine(p.Dir, ".kubedos", "stacks", "demo", "prod.json")), StringComparison.Ordinal);
        await p.RunOkAsync("config", "get", "token");
        Assert.Equal("hunter2", p.Out.Trim());
        await p.RunOkAsync("stack", "ls");
        Assert.Contains("prod*", p.Screen, StringComparison.Ordinal);
        await p.RunOkAsync("preview", "--expect-no-changes");
    }

    [Fact]
    public async Task Rename_ToExistingStack_ExitsStateError()
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "prod");
        await p.RunOkAsync("stack", "init", "dev");

        Assert.Equal(EngineExitCodes.StateError, await p.RunAsync("stack", "rename", "prod"));

        Assert.Contains("'prod' already exists", p.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(p.Dir, "Pulumi.dev.yaml")));
    }

    [Fact]
    public async Task Rename_UnselectedStackByOption_LeavesSelectionAlone()
    {
        using var p = new CliProject();
        await p.RunOkAsync("stack", "init", "qa");
        await p.RunOkAsync("stack", "init", "dev");

        await p.RunOkAsync("stack", "rename", "staging", "--stack", "qa");
        await p.RunOkAsync("stack", "ls");

        Assert.Contains("dev*", p.Screen, StringComparison.Ordinal);
        Assert.Contains("staging", p.Screen, StringComparison.Ordinal);
    }
}
