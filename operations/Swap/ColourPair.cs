using System.Text.RegularExpressions;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Operations.Swap;

/// <summary>
/// Two stacks of one cluster definition, the colours of a blue/green pair: the second colour's spec is the first's with
/// every CIDR (the local underlay's and each plane's) moved to a range disjoint from the first's, and nothing else changed
/// but comments. <see cref="Of"/> checks exactly that, so a swap never moves operators to a different cluster.
/// </summary>
/// <param name="From">The colour serving now.</param>
/// <param name="To">The colour built from nothing to take over.</param>
/// <param name="Cidrs">Each moved range: what it is (<c>underlay</c>, a plane's name), its CIDR in each colour.</param>
internal sealed partial record ColourPair(string From, string To, IReadOnlyList<(string What, string FromCidr, string ToCidr)> Cidrs)
{
    /// <exception cref="OperationRefusedException">The stacks are one, or their specs differ beyond the CIDRs, or a range overlaps; nothing was touched.</exception>
    public static ColourPair Of(string from, string fromSpec, NormalisedCluster fromCluster, string to, string toSpec, NormalisedCluster toCluster)
    {
        ArgumentNullException.ThrowIfNull(fromCluster);
        ArgumentNullException.ThrowIfNull(toCluster);
        if (from == to)
        {
            throw new OperationRefusedException($"a swap needs two stacks, and --from and --to both name '{from}'", askedWrong: true);
        }

        var fromRanges = Ranges(fromCluster);
        var toRanges = Ranges(toCluster);
        if (!fromRanges.Select(r => r.What).SequenceEqual(toRanges.Select(r => r.What)))
        {
            throw new OperationRefusedException(
                $"stacks '{from}' and '{to}' are not one cluster definition: their ranges are {string.Join(", ", fromRanges.Select(r => r.What))} and {string.Join(", ", toRanges.Select(r => r.What))}", askedWrong: true);
        }

        var cidrs = fromRanges.Zip(toRanges, (f, t) => (f.What, f.Cidr, t.Cidr)).ToList();
        foreach (var (what, toCidr) in toRanges)
        {
            if (fromRanges.FirstOrDefault(f => f.Cidr.Overlaps(toCidr)) is { What: { } clash } overlapping)
            {
                throw new OperationRefusedException(
                    $"stack '{to}': its {what} {toCidr} overlaps '{from}''s {clash} {overlapping.Cidr}; the colours run side by side, so every range of one is disjoint from every range of the other", askedWrong: true);
            }
        }

        var expected = Meaningful(cidrs.Aggregate(File.ReadAllText(fromSpec), (text, c) => text.Replace(c.Item2.ToString(), c.Item3.ToString(), StringComparison.Ordinal)));
        var actual = Meaningful(File.ReadAllText(toSpec));
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            (int Line, string Text)? e = i < expected.Count ? expected[i] : null;
            (int Line, string Text)? a = i < actual.Count ? actual[i] : null;
            if (e?.Text != a?.Text)
            {
                throw new OperationRefusedException(
                    $"stacks '{from}' and '{to}' are not one cluster definition: {toSpec}{(a is null ? " ends" : $" line {a.Value.Line} (`{a.Value.Text.Trim()}`)")} where {fromSpec}"
                    + $"{(e is null ? " ends" : $" line {e.Value.Line} has `{e.Value.Text.Trim()}`")}; the second colour's spec is the first's with only its CIDRs moved (README, \"Blue/green\")", askedWrong: true);
            }
        }

        return new ColourPair(from, to, [.. cidrs.Select(c => (c.What, c.Item2.ToString(), c.Item3.ToString()))]);
    }

    private static List<(string What, Ipv4Cidr Cidr)> Ranges(NormalisedCluster cluster) =>
    [
        .. cluster.Substrate.LocalUnderlay is { } underlay ? [("underlay", underlay)] : Array.Empty<(string, Ipv4Cidr)>(),
        .. cluster.Planes.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => (p.Name, p.Cidr)),
    ];

    // The spec's lines without comments and blank lines, each with its line number.
    private static List<(int Line, string Text)> Meaningful(string text) =>
        [.. text.Split('\n').Select((l, i) => (Line: i + 1, Text: Comment().Replace(l, string.Empty).TrimEnd()))
            .Where(l => l.Text.Trim().Length > 0)];

    [GeneratedRegex(@"(^|\s)#.*$", RegexOptions.CultureInvariant)]
    private static partial Regex Comment();
}
