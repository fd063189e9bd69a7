using Kubedos.Engine.Cli;
using Kubedos.Engine.Model;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Cli;

public sealed class StateCommandsTests
{
    [Fact]
    public async Task Delete_Yes_RemovesFromStateAndSaysSo()
    {
        using var p = await UpAsync();

        await p.RunOkAsync("state", "delete", CliProject.UrnOf("c").Value, "--yes");

        Assert.Contains("Resource deleted", p.Screen, StringComparison.Ordinal);
        Assert.DoesNotContain("::c\"", File.ReadAllText(StateFile(p)), StringComparison.Ordinal);
        Assert.Equal(3, p.Provider.Live.Count);
    }

    [Fact]
    public async Task Delete_WithoutYesNotInteractive_RefusesWithNotConfirmed()
    {
        using var p = await UpAsync();

        Assert.Equal(EngineExitCodes.NotConfirmed, await p.RunAsync("state", "delete", CliProject.UrnOf("c").Value));

        Assert.Contains("::c\"", File.ReadAllText(StateFile(p)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_InteractiveDeclined_ChangesNothing()
    {
        using var p = await UpAsync(interactive: true);

        Assert.Equal(EngineExitCodes.NotConfirmed, await p.RunAsync("state", "delete", CliProject.UrnOf("c").Value));

        Assert.Contains(CliProject.UrnOf("c").Value, Assert.Single(p.Questions), StringComparison.Ordinal);
        Assert.Contains("::c\"", File.ReadAllText(StateFile(p)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_ResourceWithDependents_ExitsStateErrorUnlessTargetDependents()
    {
        using var p = await UpAsync();

        Assert.Equal(EngineExitCodes.StateError, await p.RunAsync("state", "delete", CliProject.UrnOf("a").Value, "--yes"));
        Assert.Contains(CliProject.UrnOf("b").Value, p.Error, StringComparison.Ordinal);

        await p.RunOkAsync("state", "delete", CliProject.UrnOf("a").Value, "--yes", "--target-dependents");
        Assert.Contains("2 resources deleted", p.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Protected_ExitsStateErrorUnlessForced()
    {
        using var p = await UpAsync(protectC: true);

        Assert.Equal(EngineExitCodes.StateError, await p.RunAsync("state", "delete", CliProject.UrnOf("c").Value, "--yes"));
        Assert.Contains("protected", p.Error, StringComparison.Ordinal);

        await p.RunOkAsync("state", "delete", CliProject.UrnOf("c").Value, "--yes", "--force");
    }

    [Fact]
    public async Task Delete_NoUrn_ExitsUsage()
    {
        using var p = await UpAsync();

        Assert.Equal(EngineExitCodes.Usage, await p.RunAsync("state", "delete", "--yes"));
    }

    [Fact]
    public async Task Unprotect_UrnOrAll_ClearsTheBit()
    {
        using var p = await UpAsync(protectC: true);

        Assert.Equal(EngineExitCodes.Usage, await p.RunAsync("state", "unprotect", "--yes"));
        Assert.Equal(EngineExitCodes.Usage, await p.RunAsync("state", "unprotect", CliProject.UrnOf("c").Value, "--all", "--yes"));
        await p.RunOkAsync("state", "unprotect", CliProject.UrnOf("c").Value, "--yes");
        Assert.DoesNotContain("\"protect\": true", File.ReadAllText(StateFile(p)), StringComparison.Ordinal);
        await p.RunOkAsync("state", "unprotect", "--all", "--yes");

        Assert.Contains("Resource unprotected", p.Screen, StringComparison.Ordinal);
        Assert.Contains("All resources unprotected (0 were protected)", p.Screen, StringComparison.Ordinal);
    }

    private static string StateFile(CliProject p) => Path.Combine(p.Dir, ".kubedos", "stacks", "demo", "dev.json");

    private static async Task<CliProject> UpAsync(bool interactive = false, bool protectC = false)
    {
        var p = new CliProject(interactive);
        await p.RunOkAsync("stack", "init", "dev");
        p.Program(s =>
        {
            var a = new Thing("a", new ThingArgs { Value = "1" });
            _ = new Thing("b", new ThingArgs { Value = a.Serial });
            _ = new Thing("c", new ThingArgs { Value = "1" }, new ResourceOptions { Protect = protectC });
        });
        await p.RunOkAsync("up", "--yes");
        return p;
    }
}
