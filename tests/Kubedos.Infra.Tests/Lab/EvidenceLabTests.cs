using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Model;
using Kubedos.Engine.Planning;
using Kubedos.Operations.Drills.Local;
using Kubedos.Operations.Gates;
using Kubedos.Providers.Local;
using Kubedos.Testing;
using Xunit.Abstractions;

namespace Kubedos.Infra.Tests.Lab;

/// <summary>
/// Verdicts never rest on stale evidence (issue 13): a lab whose nodes died out of band is never reported as passed by a
/// plain up, and one <c>up --refresh</c> rebuilds it with every gate run again, for one node (w-1's processes killed) and for
/// every node (processes killed and namespaces removed, the state kept).
/// </summary>
[Collection(nameof(LabCollection))]
public sealed class EvidenceLabTests(ITestOutputHelper output)
{
    [LabFact("ip", "nft", "wg", "wireguard-go", "sshd", "ssh", "ssh-keygen", "ssh-keyscan", "nc", "ping", "useradd")]
    public async Task Up_NodesGoneOutOfBand_PlainUpFailsAndUpRefreshRebuildsWithEveryGateRerun()
    {
        await using var project = LabProject.CreateThroughEnrollment("lab-01", "lab-01.yaml");
        var (first, upWall) = await project.UpAsync();
        Assert.Equal("passed", first.Outputs["acceptance"].Value.AsString());
        var stack = await project.StackAsync();

        // 1. Every process of w-1 killed; its namespace is left.
        await KillProcessesAsync(project.Stack, "w-1");
        var stale = await Assert.ThrowsAsync<UpdateFailedException>(() => stack.UpAsync());
        // The check's own words (its script says "node $1 ($2)"), for w-1 alone.
        Assert.Contains(stale.Result!.Summary.Failures, f => f.Message.Contains("evidence is stale: node w-1 (", StringComparison.Ordinal));
        Assert.DoesNotContain(stale.Result.Summary.Failures, f => f.Message.Contains("evidence is stale: node cp-1 (", StringComparison.Ordinal));
        var w1 = await RecoverAsync(stack, "w-1 killed");
        Assert.NotEqual(Instance(first, "w-1"), Instance(w1, "w-1"));
        Assert.Equal(Instance(first, "cp-1"), Instance(w1, "cp-1"));

        // 2. Every node gone: processes killed and namespaces removed, the state kept.
        var failure = new LocalHostFailure();
        var checkpoint = await stack.GetCheckpointAsync();
        foreach (var node in new[] { "cp-1", "cp-2", "cp-3", "w-1" })
        {
            await failure.FailAsync(project.Stack, node, checkpoint, CancellationToken.None);
        }

        var gone = await Assert.ThrowsAsync<UpdateFailedException>(() => stack.UpAsync());
        Assert.All(new[] { "cp-1", "cp-2", "cp-3", "w-1" }, n =>
            Assert.Contains(gone.Result!.Summary.Failures, f => f.Message.Contains($"evidence is stale: node {n} (", StringComparison.Ordinal)));
        var all = await RecoverAsync(stack, "every node gone");
        Assert.All(new[] { "cp-1", "cp-2", "cp-3", "w-1" }, n => Assert.NotEqual(Instance(w1, n), Instance(all, n)));

        // What `kubedos acceptance` does right after: every probe again, and every one passes.
        var probes = AcceptanceTargets.Of(await stack.GetCheckpointAsync(), stack.Name).Probes.Select(u => u.Value).ToList();
        var again = await stack.UpAsync(new UpdateOptions { Target = probes, Replace = probes });
        Assert.Equal("passed", Acceptance(again.Outputs));

        await project.DestroyAsync();
        Assert.Equal(string.Empty, await project.LeftoversAsync());
        output.WriteLine($"lab-01 up from nothing {upWall.TotalSeconds:0.0} s");
    }

    // One up --refresh: it passes, and every gate resource ran again in it (none kept a result from before).
    private async Task<UpdateResult> RecoverAsync(WorkspaceStack stack, string what)
    {
        var events = new ConcurrentQueue<EngineEvent>();
        var watch = Stopwatch.StartNew();
        var result = await stack.UpAsync(new UpdateOptions { Refresh = true, OnEvent = events.Enqueue });
        output.WriteLine($"{what}: up --refresh {watch.Elapsed.TotalSeconds:0.0} s, {string.Join(", ", result.Summary.ResourceChanges.Select(kv => $"{kv.Key}={kv.Value}"))}");
        Assert.Equal("passed", Acceptance(result.Outputs));
        var gates = AcceptanceTargets.Of(await stack.GetCheckpointAsync(), stack.Name).Probes;
        var rerun = events.OfType<ResourceOutputsEvent>()
            .Where(e => e.Metadata.Op is StepKind.Create or StepKind.Replace or StepKind.CreateReplacement)
            .Select(e => e.Metadata.Urn).ToHashSet();
        var kept = gates.Where(g => !rerun.Contains(g)).Select(g => g.Name).ToList();
        Assert.True(kept.Count == 0, $"{what}: these gate resources kept their results from before: {string.Join(", ", kept)}");
        return result;
    }

    private static string? Acceptance(IReadOnlyDictionary<string, OutputValue> outputs) =>
        outputs.GetValueOrDefault("acceptance")?.Value.Unwrapped is { Kind: PropertyValueKind.String } v ? v.AsString() : null;

    private static string Instance(UpdateResult result, string node) =>
        result.Outputs["nodes"].Value.Unwrapped.AsObject()[node].Unwrapped.AsObject()["instance"].AsString();

    private static async Task KillProcessesAsync(string stack, string node)
    {
        var runner = new HostCommandRunner();
        var space = LabNames.For(stack).NodeNamespace(node);
        var pids = (await runner.RunAsync(HostCommand.Of("ip", "netns", "pids", space), CancellationToken.None)).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(pids);
        await runner.RunAsync(HostCommand.Of("kill", ["-KILL", .. pids]), CancellationToken.None);
        for (var i = 0; i < 100 && pids.Any(p => Directory.Exists($"/proc/{p.ToString(CultureInfo.InvariantCulture)}")); i++)
        {
            await Task.Delay(20);
        }
    }
}
