using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Providers;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Providers;

public sealed class ProviderProgressTests
{
    [Fact]
    public async Task Report_DuringACreate_IsAnEphemeralDiagnosticOfThatResource()
    {
        using var stack = new TestStack();
        stack.Provider.Progress = ["task 1 | cp-1 ok=1 changed=0 failed=0", "task 2 | cp-1 ok=1 changed=1 failed=0"];

        await stack.UpAsync(s => _ = new Thing("a", new ThingArgs { Value = "x" }));

        var statuses = stack.Events.OfType<DiagnosticEvent>().Where(d => d.Ephemeral).ToList();
        Assert.Equal(stack.Provider.Progress, statuses.Select(d => d.Message));
        Assert.All(statuses, d => Assert.Equal(TestStack.UrnOf("a"), d.Urn));
        Assert.All(statuses, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
    }

    [Fact]
    public void Report_OutsideAnOperation_GoesNowhere()
    {
        var exception = Record.Exception(() => ProviderProgress.Report(TestStack.UrnOf("a"), "nobody listens"));

        Assert.Null(exception);
    }

    [Fact]
    public void ToJson_Ephemeral_IsMarked()
    {
        var json = EngineEventJson.Serialize(new DiagnosticEvent(TestStack.UrnOf("a"), "task 1", DiagnosticSeverity.Info) { Ephemeral = true });

        Assert.Contains("\"ephemeral\":true", json, StringComparison.Ordinal);
    }
}
