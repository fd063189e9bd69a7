using System.Diagnostics;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Automation.Events;
using Kubedos.Engine.Tests.Backends;
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

    private static readonly (int Version, string KillAt)[] KillPoints =
    [
        (1, "before-create b"), (1, "after-create b"), (1, "after-create f"),
        (2, "after-update a"), (2, "before-delete f"), (2, "after-delete f"), (2, "after-delete c"),
    ];

    /// <summary>Every kill point on the backends a second process shares: the file backend and postgres.</summary>
    public static TheoryData<string, int, string> Cases
    {
        get
        {
            var data = new TheoryData<string, int, string>();
            foreach (var backend in StateBackends.Names.Where(b => b != StateBackends.Memory))
            {
                foreach (var (version, killAt) in KillPoints)
                {
                    data.Add(backend, version, killAt);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Up_ProcessKilledMidRun_NextUpConvergesWithoutOrphans(string backend, int version, string killAt)
    {
        var url = StateBackends.NewUrl(backend);
        if (version == 2)
        {
            await CrashScenario.Open(_work, _files, 1, TimeSpan.Zero, null, url).UpAsync(new UpdateOptions { Parallel = 1 });
        }

        var seen = await RunChildUntilAsync(version, killAt, url);
        Assert.Contains(killAt, seen);
        Assert.DoesNotContain("done", seen);

        var stack = CrashScenario.Open(_work, _files, version, TimeSpan.Zero, null, url);
        var interrupted = await stack.GetCheckpointAsync();
        if (killAt.StartsWith("after-", StringComparison.Ordinal))
        {
            Assert.NotEmpty(interrupted.PendingOperations);
        }

        var events = new List<EngineEvent>();
        bool StaleLockWarned() => events.Any(e => e is DiagnosticEvent { Severity: DiagnosticSeverity.Warning } d && d.Message.Contains("stale lock", StringComparison.Ordinal));
        if (backend == StateBackends.File)
        {
            // The killed process left its lock file: its pid is dead, so the next up breaks it (with a warning) and resumes.
            Assert.NotNull(stack.Workspace.GetStackLockHolder("dev"));
            await stack.UpAsync(new UpdateOptions { Parallel = 2, OnEvent = e => { lock (events) { events.Add(e); } } });
            Assert.True(StaleLockWarned());
        }
        else
        {
            // The server ended the killed process's session, and its advisory lock with it: nothing to break.
            await WaitUntilAsync(() => stack.Workspace.GetStackLockHolder("dev") is null);
            await stack.UpAsync(new UpdateOptions { Parallel = 2, OnEvent = e => { lock (events) { events.Add(e); } } });
            Assert.False(StaleLockWarned());
        }

        Assert.Null(stack.Workspace.GetStackLockHolder("dev"));
        await AssertConvergedAsync(stack, version);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
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

    private async Task<List<string>> RunChildUntilAsync(int version, string killAt, string? backendUrl)
    {
        var assembly = typeof(PendingRecoveryTests).Assembly.Location;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { assembly, "crash-child", _work, _files, version.ToString(System.Globalization.CultureInfo.InvariantCulture), "50", backendUrl ?? string.Empty, killAt })
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
