using Kubedos.Engine.Automation;
using Kubedos.Engine.Cli;
using Kubedos.Engine.State;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Cli;

public sealed class UpdateVerbTests
{
    [Fact]
    public async Task RunAsync_PlanTargetsAndReplacesOne_ReplacesOnlyItWithoutAskingThenReports()
    {
        using var p = await UpAsync();
        p.Program(s =>
        {
            _ = new Thing("a", new ThingArgs { Value = "x" });
            _ = new Thing("b", new ThingArgs { Value = "changed" });
        });
        var reported = 0;
        var verb = new UpdateVerb("check", (s, _) => Task.FromResult(new UpdateOptions { Target = [Urn("a")], Replace = [Urn("a")] }))
        {
            Stack = "dev",
            ReportAsync = async (s, ct) =>
            {
                reported++;
                Assert.Equal(2, (await s.GetCheckpointAsync(ct)).Resources.Count(r => r.Custom && !r.Delete));
            },
        };

        var code = await verb.RunAsync(p.Host, CancellationToken.None);

        Assert.True(code == 0, p.Error);
        Assert.Equal(2, Calls(p, "create a"));
        Assert.Equal(1, Calls(p, "delete a"));
        Assert.Equal(1, Calls(p, "create b"));
        Assert.Equal(0, Calls(p, "update b"));
        Assert.Empty(p.Questions);
        Assert.Equal(1, reported);
        Assert.Contains("+-1 replaced", p.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UpdateFails_ExitsOneNamingTheVerbAndDoesNotReport()
    {
        using var p = await UpAsync();
        p.Provider.FailCreate["a"] = true;
        var reported = false;
        var verb = new UpdateVerb("check", (s, _) => Task.FromResult(new UpdateOptions { Target = [Urn("a")], Replace = [Urn("a")] }))
        {
            Stack = "dev",
            ReportAsync = (_, _) =>
            {
                reported = true;
                return Task.CompletedTask;
            },
        };

        var code = await verb.RunAsync(p.Host, CancellationToken.None);

        Assert.Equal(EngineExitCodes.OperationFailed, code);
        Assert.Contains("kubedos check: update failed with 1 error(s)", p.Error, StringComparison.Ordinal);
        Assert.Contains("the fake refuses to create it", p.Error, StringComparison.Ordinal);
        Assert.False(reported);
    }

    [Fact]
    public async Task RunAsync_PlanThrowsStateException_ExitsSevenAndChangesNothing()
    {
        using var p = await UpAsync();
        var verb = new UpdateVerb("check", (_, _) => throw new StateException("nothing to check")) { Stack = "dev" };

        var code = await verb.RunAsync(p.Host, CancellationToken.None);

        Assert.Equal(EngineExitCodes.StateError, code);
        Assert.Contains("kubedos check: nothing to check", p.Error, StringComparison.Ordinal);
        Assert.Equal(1, Calls(p, "create a"));
    }

    private static int Calls(CliProject p, string call) => p.Provider.Calls.Count(c => c == call);

    private static string Urn(string name) => CliProject.UrnOf(name).Value;

    private static async Task<CliProject> UpAsync()
    {
        var p = new CliProject();
        p.Program(s =>
        {
            _ = new Thing("a", new ThingArgs { Value = "x" });
            _ = new Thing("b", new ThingArgs { Value = "y" });
        });
        await p.RunOkAsync("stack", "init", "dev");
        await p.RunOkAsync("up", "--yes");
        return p;
    }
}
