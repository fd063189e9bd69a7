using System.Diagnostics;
using System.Globalization;
using Kubedos.Engine.Automation;
using Kubedos.Engine.Model;
using Kubedos.Engine.Providers;

namespace Kubedos.Bench.Engine;

/// <summary>Engine benchmark: synthetic stacks over an in-memory provider; prints whole-process figures.</summary>
/// <remarks>
/// Goals (2-core machine): preview of 10,000 resources under 10 s; up creating them under 30 s
/// (bytes written to state reported); a 200-resource DAG whose provider sleeps 100 ms per call,
/// up --parallel 64, within 1.15x of the DAG's critical path; each in-process operation at
/// 40,000 resources within 4.5x of its time at 10,000 (<see cref="ScalingTable"/>), on each backend
/// (<c>[sizes] [backends]</c>, default <c>10000,40000 file,postgres</c>); postgres within 2x of file.
/// </remarks>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["child", ..])
        {
            return await WholeProcess.ChildAsync(args);
        }

        var sizes = args.Length > 0
            ? args[0].Split(',').Select(s => int.Parse(s, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).ToArray()
            : [10_000, 40_000];
        var backends = args.Length > 1 ? args[1].Split(',') : ["file", "postgres"];
        var root = Directory.CreateTempSubdirectory("kubedos-bench-").FullName;
        using var database = backends.Contains("postgres") ? BenchDatabase.TryCreate() : null;
        try
        {
            Console.WriteLine($"kubedos engine benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, file state in {root}"
                + (database is null ? string.Empty : $", postgres state in {database.Location}"));
            var byBackend = new Dictionary<string, List<IReadOnlyList<Timing>>>(StringComparer.Ordinal);
            foreach (var backend in backends)
            {
                if (backend == "postgres" && database is null)
                {
                    Console.WriteLine($"postgres: skipped ({BenchDatabase.MissingReason})");
                    continue;
                }

                var timings = byBackend[backend] = [];
                foreach (var size in sizes)
                {
                    // Each size starts from the same heap: the garbage of the one before is not its cost.
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                    Console.WriteLine($"{backend}, {size:N0} resources:");
                    var url = backend == "postgres" ? database!.NewBackendUrl() : null;
                    timings.Add(await LargeStackAsync(Path.Combine(root, $"{backend}-{size}"), size, url));
                }
            }

            foreach (var (backend, timings) in byBackend)
            {
                if (sizes.Length > 1)
                {
                    Console.WriteLine($"{backend} backend:");
                    ScalingTable.Print(sizes, timings);
                }
            }

            if (byBackend.TryGetValue("file", out var file) && byBackend.TryGetValue("postgres", out var postgres))
            {
                ScalingTable.PrintComparison(sizes, "postgres", postgres, "file", file);
            }

            await DagAsync(root);
            await WholeProcess.RunAsync(root, sizes[0]);
            var process = Process.GetCurrentProcess();
            Console.WriteLine($"benchmark process: wall {Since(process.StartTime):0.00} s, cpu {process.TotalProcessorTime.TotalSeconds:0.00} s, peak working set {process.PeakWorkingSet64 / 1048576.0:0} MiB, gen2 GCs {GC.CollectionCount(2)}");
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The in-process operations on a stack of <paramref name="count"/> resources; returns each one's time.</summary>
    private static async Task<IReadOnlyList<Timing>> LargeStackAsync(string root, int count, string? backendUrl)
    {
        var timings = new List<Timing>();
        var provider = new BenchProvider(TimeSpan.Zero);
        var value = "v1";
        var stack = await OpenAsync(root, provider, backendUrl, s =>
        {
            // A wide, shallow graph like a cluster's: groups of 100 items, each fed by its group's first.
            Item? head = null;
            for (var i = 0; i < count; i++)
            {
                if (i % 100 == 0)
                {
                    head = new Item($"item-{i}", new ItemArgs { Value = value });
                    continue;
                }

                _ = new Item($"item-{i}", new ItemArgs { Value = head!.ItemId.Apply(id => $"{id}/{value}") });
            }
        });

        var sw = Stopwatch.StartNew();
        var cpu = Timing.ProcessCpu();
        var preview = await stack.PreviewAsync(new UpdateOptions());
        timings.Add(new Timing("preview, new", sw.Elapsed, Timing.ProcessCpu() - cpu));
        Report($"preview of {count:N0} new resources", sw.Elapsed, 10, $"{preview.Summary.Count("create"):N0} to create");

        sw.Restart();
        cpu = Timing.ProcessCpu();
        var up = await stack.UpAsync(new UpdateOptions());
        var stateFile = Path.Combine(root, ".kubedos", "stacks", "bench", "dev.json");
        timings.Add(new Timing("up creating", sw.Elapsed, Timing.ProcessCpu() - cpu));
        Report($"up creating {count:N0} resources", sw.Elapsed, 30,
            $"{up.Summary.Count("create"):N0} created; {up.Summary.StateBytesWritten / 1048576.0:0.0} MiB written to state (journal + final snapshot)"
            + (File.Exists(stateFile) ? $", snapshot {new FileInfo(stateFile).Length / 1048576.0:0.0} MiB" : string.Empty));

        sw.Restart();
        cpu = Timing.ProcessCpu();
        preview = await stack.PreviewAsync(new UpdateOptions());
        timings.Add(new Timing("preview, unchanged", sw.Elapsed, Timing.ProcessCpu() - cpu));
        Report($"preview of {count:N0} unchanged resources", sw.Elapsed, 10, $"{preview.Summary.Count("same"):N0} same");

        value = "v2";
        sw.Restart();
        cpu = Timing.ProcessCpu();
        up = await stack.UpAsync(new UpdateOptions());
        timings.Add(new Timing("up updating", sw.Elapsed, Timing.ProcessCpu() - cpu));
        Report($"up updating {count:N0} resources", sw.Elapsed, null,
            $"{up.Summary.Count("update"):N0} updated; {up.Summary.StateBytesWritten / 1048576.0:0.0} MiB written to state");

        sw.Restart();
        cpu = Timing.ProcessCpu();
        var destroy = await stack.DestroyAsync(new DestroyOptions());
        timings.Add(new Timing("destroy", sw.Elapsed, Timing.ProcessCpu() - cpu));
        Report($"destroy of {count:N0} resources", sw.Elapsed, null, $"{destroy.Summary.Count("delete"):N0} deleted");
        return timings;
    }

    private static async Task DagAsync(string root)
    {
        const int size = 200;
        const int parallel = 64;
        var latency = TimeSpan.FromMilliseconds(100);
        var random = new Random(42);
        var deps = new List<int[]>();
        for (var i = 0; i < size; i++)
        {
            var candidates = Enumerable.Range(Math.Max(0, i - 12), Math.Min(i, 12)).ToArray();
            var n = i == 0 ? 0 : random.Next(0, Math.Min(3, candidates.Length) + 1);
            deps.Add([.. candidates.OrderBy(_ => random.Next()).Take(n)]);
        }

        // Each resource costs two provider calls on the way up (Check, Create), each sleeping the latency.
        var depth = new int[size];
        for (var i = 0; i < size; i++)
        {
            depth[i] = 1 + deps[i].Select(d => depth[d]).DefaultIfEmpty(0).Max();
        }

        var widest = depth.GroupBy(d => d).Max(g => g.Count());
        var critical = TimeSpan.FromTicks(latency.Ticks * 2 * depth.Max());
        var provider = new BenchProvider(latency);
        var stack = await OpenAsync(Path.Combine(root, "dag"), provider, null, s =>
        {
            var items = new Item[size];
            for (var i = 0; i < size; i++)
            {
                var after = Output.All(deps[i].Select(d => items[d].ItemId));
                items[i] = new Item($"node-{i}", new ItemArgs { Value = $"n{i}", After = after });
            }
        });

        var sw = Stopwatch.StartNew();
        await stack.UpAsync(new UpdateOptions { Parallel = parallel });
        var ratio = sw.Elapsed / critical;
        Console.WriteLine(
            $"DAG of {size} (depth {depth.Max()}, widest level {widest}), provider sleeps {latency.TotalMilliseconds:0} ms per call, parallel {parallel}: "
            + $"up {sw.Elapsed.TotalSeconds:0.00} s vs critical path {critical.TotalSeconds:0.00} s = {ratio:0.000}x (goal <= 1.15x) {(ratio <= 1.15 ? "OK" : "MISSED")}");
    }

    private static async Task<WorkspaceStack> OpenAsync(string dir, BenchProvider provider, string? backendUrl, Action<Stack> program)
    {
        Directory.CreateDirectory(dir);
        var workspace = Workspace.Create(new WorkspaceOptions
        {
            ProjectName = "bench",
            WorkDir = dir,
            BackendUrl = backendUrl,
            Providers = ProviderRegistry.Of(provider),
            Program = StackProgram.Create(program),
            SecretsProvider = _ => null,
            Environment = _ => null,
        });
        return await workspace.CreateOrSelectStackAsync("dev");
    }

    private static void Report(string what, TimeSpan elapsed, double? goalSeconds, string detail)
    {
        var goal = goalSeconds is { } g ? $" (goal < {g:0} s) {(elapsed.TotalSeconds < g ? "OK" : "MISSED")}" : string.Empty;
        Console.WriteLine($"{what}: {elapsed.TotalSeconds:0.00} s{goal}; {detail}");
    }

    private static double Since(DateTime start) => (DateTime.Now - start).TotalSeconds;
}
