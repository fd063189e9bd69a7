namespace Kubedos.Bench.Engine;

/// <summary>Prints each in-process operation's wall and CPU time at every size and their growth against the smallest size.</summary>
/// <remarks>
/// An operation whose wall time grows more than 1.125x as fast as the stack (4.5x for 4x the
/// resources) is flagged. The CPU ratio tells the two causes apart on a shared machine: when it
/// stays near the size ratio the work is linear and the wall time waited (fsync, other processes).
/// </remarks>
internal static class ScalingTable
{
    public const double Tolerance = 1.125;

    public static void Print(IReadOnlyList<int> sizes, IReadOnlyList<IReadOnlyList<Timing>> timings)
    {
        Console.WriteLine($"scaling (wall / cpu at each size; ratios to {sizes[0]:N0}; flagged when the wall ratio is over {Tolerance}x the size ratio):");
        var ratioHeads = sizes.Skip(1).Select(s => $"wall ratio ({s / (double)sizes[0]:0.#}x size) | cpu ratio");
        Console.WriteLine($"| operation | {string.Join(" | ", sizes.Select(s => $"{s:N0}"))} | {string.Join(" | ", ratioHeads)} |");
        Console.WriteLine($"|---|{string.Concat(sizes.Select(_ => "---|"))}{string.Concat(sizes.Skip(1).Select(_ => "---|---|"))}");
        for (var op = 0; op < timings[0].Count; op++)
        {
            var name = timings[0][op].Operation;
            var at = timings.Select(t => t[op]).ToList();
            var ratios = sizes.Skip(1).Select((s, i) =>
            {
                var wall = at[i + 1].Wall / at[0].Wall;
                var cpu = at[i + 1].Cpu / at[0].Cpu;
                var limit = Tolerance * s / sizes[0];
                return $"{wall:0.00}{(wall > limit ? $" OVER {limit:0.0}" : string.Empty)} | {cpu:0.00}";
            });
            Console.WriteLine($"| {name} | {string.Join(" | ", at.Select(t => $"{t.Wall.TotalSeconds:0.00} s / {t.Cpu.TotalSeconds:0.00} s"))} | {string.Join(" | ", ratios)} |");
        }
    }

    /// <summary>Each operation's wall time on backend <paramref name="name"/> against <paramref name="baseName"/>, at every size.</summary>
    public static void PrintComparison(IReadOnlyList<int> sizes, string name, IReadOnlyList<IReadOnlyList<Timing>> timings, string baseName, IReadOnlyList<IReadOnlyList<Timing>> baseTimings)
    {
        Console.WriteLine($"{name} against {baseName} (wall time ratio at each size; goal within 2x):");
        Console.WriteLine($"| operation | {string.Join(" | ", sizes.Select(s => $"{s:N0}"))} |");
        Console.WriteLine($"|---|{string.Concat(sizes.Select(_ => "---|"))}");
        for (var op = 0; op < timings[0].Count; op++)
        {
            var ratios = sizes.Select((_, i) => timings[i][op].Wall / baseTimings[i][op].Wall);
            Console.WriteLine($"| {timings[0][op].Operation} | {string.Join(" | ", ratios.Select(r => $"{r:0.00}{(r > 2 ? " OVER" : string.Empty)}"))} |");
        }
    }
}
