namespace Kubedos.Bench.Engine;

/// <summary>Prints each in-process operation's time at every size and its growth against the smallest size.</summary>
/// <remarks>
/// An operation whose time grows more than 1.125x as fast as the stack (4.5x for 4x the
/// resources) is flagged: something in it costs more than linear in the number of resources.
/// </remarks>
internal static class ScalingTable
{
    public const double Tolerance = 1.125;

    public static void Print(IReadOnlyList<int> sizes, IReadOnlyList<IReadOnlyList<(string Operation, TimeSpan Elapsed)>> timings)
    {
        Console.WriteLine($"scaling (time at each size; ratio to {sizes[0]:N0}; flagged when over {Tolerance}x the size ratio):");
        Console.WriteLine($"| operation | {string.Join(" | ", sizes.Select(s => $"{s:N0}"))} | {string.Join(" | ", sizes.Skip(1).Select(s => $"ratio {s / (double)sizes[0]:0.#}x size"))} |");
        for (var op = 0; op < timings[0].Count; op++)
        {
            var name = timings[0][op].Operation;
            var times = timings.Select(t => t[op].Elapsed.TotalSeconds).ToList();
            var ratios = sizes.Skip(1).Select((s, i) =>
            {
                var ratio = times[i + 1] / times[0];
                var limit = Tolerance * s / sizes[0];
                return $"{ratio:0.00}{(ratio > limit ? $" OVER {limit:0.0}" : string.Empty)}";
            });
            Console.WriteLine($"| {name} | {string.Join(" | ", times.Select(t => $"{t:0.00} s"))} | {string.Join(" | ", ratios)} |");
        }
    }
}
