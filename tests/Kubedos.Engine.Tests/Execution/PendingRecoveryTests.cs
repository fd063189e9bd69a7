using System.Diagnostics;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.State;
using Kubedos.Engine.Tests.Fakes;

namespace Kubedos.Engine.Tests.Execution;

/// <summary>Kills a real child process running <c>up</c> at chosen points, then checks the next <c>up</c> converges with no orphaned files.</summary>
public sealed class PendingRecoveryTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("kubedos-crash-").FullName;
    private readonly string _files;

    public PendingRecoveryTests()
    {
        _files = Path.Combine(_work, "files");
        Directory.CreateDirectory(_files);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData(1, "before-create b")]
    [InlineData(1, "after-create b")]
    [InlineData(1, "after-create f")]
    [InlineData(2, "after-update a")]
    [InlineData(2, "before-delete f")]
    [InlineData(2, "after-delete f")]
    [InlineData(2, "after-delete c")]
    public async Task Up_ProcessKilledMidRun_NextUpConvergesWithoutOrphans(int version, string killAt)
    {
        if (version == 2)
        {
            await CrashScenario.Open(_work, _files, 1, TimeSpan.Zero, null).UpAsync(new UpdateOptions { Parallel = 1 });
        }

        var seen = await RunChildUntilAsync(version, killAt);
        Assert.Contains(killAt, seen);
        Assert.DoesNotContain("done", seen);

        var stack = CrashScenario.Open(_work, _files, version, TimeSpan.Zero, null);
        var interrupted = await stack.GetCheckpointAsync();
        if (killAt.StartsWith("after-", StringComparison.Ordinal))
        {
            Assert.NotEmpty(interrupted.PendingOperations);
        }

        // The killed process left its lock: its pid is dead, so the next up breaks it (with a warning) and resumes.
        Assert.NotNull(StackLock.Read(stack.Workspace.BackendRoot, "crash", "dev"));
        var events = new List<EngineEvent>();
        await stack.UpAsync(new UpdateOptions { Parallel = 2, OnEvent = e => { lock (events) { events.Add(e); } } });

        Assert.Contains(events, e => e is DiagnosticEvent { Severity: DiagnosticSeverity.Warning } d && d.Message.Contains("stale lock", StringComparison.Ordinal));
        Assert.Null(StackLock.Read(stack.Workspace.BackendRoot, "crash", "dev"));
        await AssertConvergedAsync(stack, version);
    }

    private async Task AssertConvergedAsync(WorkspaceStack stack, int version)
    {
        var checkpoint = await stack.GetCheckpointAsync();
        Assert.Empty(checkpoint.PendingOperations);
        var files = checkpoint.Resources.Where(r => r.Custom).ToList();
        var expected = version == 1 ? new[] { "a", "b", "c", "d", "e", "f" } : ["a", "b", "d"];
        Assert.Equal(expected, files.Select(r => r.Urn.Name).Order().ToArray());

        // Every real file belongs to exactly one resource in the state: no orphan, no ghost.
        var onDisk = Directory.EnumerateFiles(_files).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(files.Select(r => r.Id).Order().ToArray(), onDisk);
        foreach (var r in files)
        {
            Assert.Equal(r.Inputs["content"].AsString(), File.ReadAllText(Path.Combine(_files, r.Id!)));
        }

        var preview = await stack.PreviewAsync();
        Assert.Equal(preview.Summary.ResourceChanges.Values.Sum(), preview.Summary.Count("same"));
    }

    private async Task<List<string>> RunChildUntilAsync(int version, string killAt)
    {
        var assembly = typeof(PendingRecoveryTests).Assembly.Location;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { assembly, "crash-child", _work, _files, version.ToString(System.Globalization.CultureInfo.InvariantCulture), "400" })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        var seen = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                seen.Add(line);
                if (line == killAt)
                {
                    child.Kill(entireProcessTree: true);
                    break;
                }
            }
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
            }

            await child.WaitForExitAsync(CancellationToken.None);
        }

        if (!seen.Contains(killAt))
        {
            var error = await child.StandardError.ReadToEndAsync(CancellationToken.None);
            Assert.Fail($"the child ended before '{killAt}': {string.Join(" | ", seen)} {error}");
        }

        return seen;
    }
}
