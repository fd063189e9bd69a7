using System.Security.Cryptography;
using System.Text;

namespace Kubedos.Image.Lock;

/// <summary>The package names an image declares (what the ClusterSpec needs on a node), sorted and distinct; their dependencies come from resolution.</summary>
public sealed class DeclaredPackageSet
{
    private static readonly System.Text.RegularExpressions.Regex DebianName = new("^[a-z0-9][a-z0-9+.-]+\\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public DeclaredPackageSet(IEnumerable<string> names)
    {
        var sorted = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var bad = sorted.FirstOrDefault(n => !DebianName.IsMatch(n));
        if (bad is not null)
        {
            throw new ArgumentException($"'{bad}' is not a Debian package name (lowercase letters, digits, '+', '-', '.'; at least two characters)", nameof(names));
        }

        if (sorted.Length == 0)
        {
            throw new ArgumentException("an image declares at least one package", nameof(names));
        }

        Names = sorted;
    }

    /// <summary>The names, ordinal-sorted.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>SHA-256 (hex) of the names, one per line: what the lock records to notice a changed set.</summary>
    public string Digest => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', Names))));
}
