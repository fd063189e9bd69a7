using System.Text.RegularExpressions;

namespace Kubedos.Infra.Tests.Architecture;

/// <summary>
/// .NET's <c>$</c> also matches before a final newline, so <c>^name$</c> lets <c>"w-1\n"</c> through; every pattern in
/// the repository ends in <c>\z</c> instead. This holds every source file to that, so a new pattern cannot bring it back.
/// </summary>
public sealed partial class PatternAnchorTests
{
    [Fact]
    public void Sources_NoRegexEndsInDollar()
    {
        var root = RepositoryFiles.Root;
        var offenders = new List<string>();
        foreach (var folder in new[] { "engine", "pki", "spec", "components", "policies", "providers", "enrollment", "agent", "cli" })
        {
            foreach (var path in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
                {
                    continue;
                }

                var lines = File.ReadAllLines(path);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (DollarAnchoredPattern().IsMatch(lines[i]))
                    {
                        offenders.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
                    }
                }
            }
        }

        Assert.True(offenders.Count == 0, $"patterns anchored with $ (use \\z):\n{string.Join('\n', offenders)}");
    }

    [Theory]
    [InlineData("    [GeneratedRegex(\"^[a-z]+$\", RegexOptions.CultureInvariant)]", true)]
    [InlineData("    [GeneratedRegex(@\"^[a-z]+$\")]", true)]
    [InlineData("    private static readonly Regex Name = new(\"^[a-z]+$\");", true)]
    [InlineData("    [GeneratedRegex(@\"^[a-z]+\\z\", RegexOptions.CultureInvariant)]", false)]
    [InlineData("    var text = $\"{a}$\";", false)]
    public void DollarAnchoredPattern_FindsPatternsNotInterpolations(string line, bool found)
    {
        Assert.Equal(found, DollarAnchoredPattern().IsMatch(line));
    }

    // A regex literal (GeneratedRegex, new Regex, Regex.IsMatch/Match/Replace) whose pattern ends in an unescaped $.
    [GeneratedRegex("""(GeneratedRegex|new Regex|new|Regex\.(IsMatch|Match|Replace))\(\s*@?"[^"]*[^\\]\$"[,)]""")]
    private static partial Regex DollarAnchoredPattern();
}
