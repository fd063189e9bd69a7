using System.Diagnostics;
using System.Globalization;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Providers;

namespace Kubedos.Bench.Engine;

/// <summary>Each operation as its own process, timed from the outside: start-up, loading the state, running, writing it.</summary>
internal static class WholeProcess
{
    /// <summary>Runs the scenarios as child processes and prints their wall times.</summary>
    public static async Task RunAsync(string root, int count)
    {
        var dir = Path.Combine(root, "process");
        Console.WriteLine($"whole process (a fresh process per operation, {count:N0} resources):");
        await TimeChildAsync("preview (new stack)", dir, "preview", count, 10);
        await TimeChildAsync("up (create all)", dir, "up", count, 30);
        await TimeChildAsync("preview (no changes)", dir, "preview", count, 10);
        await TimeChildAsync("up (no changes)", dir, "up", count, null);
        await TimeChildAsync("destroy", dir, "destroy", count, null);
    }

    /// <summary>The child: <c>child &lt;dir&gt; preview|up|destroy &lt;count&gt;</c>.</summary>
    public static async Task<int> ChildAsync(string[] args)
    {
        var dir = args[1];
        var op = args[2];
        var count = int.Parse(args[3], CultureInfo.InvariantCulture);
        Directory.CreateDirectory(dir);
        var workspace = Workspace.Create(new WorkspaceOptions
        {
            ProjectName = "bench",
            WorkDir = dir,
            Providers = ProviderRegistry.Of(new BenchProvider(TimeSpan.Zero)),
            Program = StackProgram.Create(s => Program(count)),
            SecretsProvider = _ => null,
            Environment = _ => null,
        });
        var stack = await workspace.CreateOrSelectStackAsync("dev");
        var result = op switch
        {
            "preview" => await stack.PreviewAsync(),
            "up" => await stack.UpAsync(),
            _ => await stack.DestroyAsync(),
        };
        var changes = string.Join(", ", result.Summary.ResourceChanges.Select(kv => $"{kv.Key} {kv.Value:N0}"));
        Console.WriteLine($"{changes}; {result.Summary.StateBytesWritten / 1048576.0:0.0} MiB written to state; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB");
        return 0;
    }

    private static void Program(int count)
    {
        // The benchmark provider keeps nothing between processes; Read is not called by these operations.
        Item? head = null;
        for (var i = 0; i < count; i++)
        {
            if (i % 100 == 0)
            {
                head = new Item($"item-{i}", new ItemArgs { Value = "v" });
                continue;
            }

            _ = new Item($"item-{i}", new ItemArgs { Value = head!.ItemId.Apply(id => $"{id}/v") });
        }
    }

    private static async Task TimeChildAsync(string what, string dir, string op, int count, double? goalSeconds)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(WholeProcess).Assembly.Location);
        }

        foreach (var arg in new[] { "child", dir, op, count.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        var sw = Stopwatch.StartNew();
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        sw.Stop();
        var goal = goalSeconds is { } g ? $" (goal < {g:0} s) {(sw.Elapsed.TotalSeconds < g ? "OK" : "MISSED")}" : string.Empty;
        Console.WriteLine($"  {what}: {sw.Elapsed.TotalSeconds:0.00} s{goal}, exit {child.ExitCode}; {output.Trim()}");
    }
}
