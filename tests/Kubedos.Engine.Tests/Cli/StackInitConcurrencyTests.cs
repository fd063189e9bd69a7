using Kubedos.Engine.Automation;
using Kubedos.Engine.Cli;
using Kubedos.Engine.State;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Cli;

/// <summary>Concurrent <c>stack init</c>s of one name: exactly one creates it, the others fail cleanly.</summary>
public sealed class StackInitConcurrencyTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("kubedos-init-").FullName;

    public StackInitConcurrencyTests()
    {
        File.WriteAllText(Path.Combine(dir, "Pulumi.yaml"), "name: demo\nruntime: dotnet\n");
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Init_FiveConcurrentProcesses_OneCreates_OthersSayItExists()
    {
        var results = await KubedosChild.RunTogetherAsync(dir, new Dictionary<string, string>(), Enumerable.Range(0, 5).Select(_ => new[] { "stack", "init", "x" }));

        var created = results.Where(r => r.Out.Contains("Created stack x", StringComparison.Ordinal)).ToList();
        var refused = results.Except(created).ToList();
        Assert.Single(created);
        Assert.Equal(0, created[0].ExitCode);
        Assert.All(refused, r =>
        {
            Assert.Equal(EngineExitCodes.StateError, r.ExitCode);
            Assert.Contains("stack 'x' already exists", r.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal);
        });
        Assert.Equal(["x"], new FileCheckpointStore(Path.Combine(dir, ".kubedos"), TimeProvider.System).List("demo"));
    }

    [Fact]
    public async Task CreateStackAsync_TenConcurrentCallers_ExactlyOneSucceeds()
    {
        var workspace = Workspace.Create(new WorkspaceOptions { WorkDir = dir, Environment = _ => null });
        using var start = new Barrier(10);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                try
                {
                    workspace.CreateStackAsync("x").GetAwaiter().GetResult();
                    return "created";
                }
                catch (StateException e)
                {
                    return e.Message;
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));

        Assert.Single(outcomes, o => o == "created");
        Assert.All(outcomes.Where(o => o != "created"), o => Assert.StartsWith("stack 'x' already exists", o, StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(Path.Combine(dir, ".kubedos", "stacks", "demo"), "*.tmp", SearchOption.AllDirectories));
    }
}
