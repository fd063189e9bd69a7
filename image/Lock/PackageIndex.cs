using System.Globalization;

namespace Kubedos.Image.Lock;

/// <summary>The records of a Debian package index (deb822 stanzas as <c>apt-cache dumpavail</c> prints them), by pool file name.</summary>
internal sealed class PackageIndex
{
    private readonly Dictionary<string, LockedPackage> _byFilename = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _required = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    private PackageIndex()
    {
    }

    /// <summary>Names of the packages Debian marks <c>Essential: yes</c> or <c>Priority: required</c>: the base every image has.</summary>
    public IReadOnlySet<string> Required => _required;

    /// <summary>Whether any record is named <paramref name="name"/>.</summary>
    public bool HasPackage(string name) => _names.Contains(name);

    /// <summary>The record for the pool path <paramref name="filename"/>, or null.</summary>
    public LockedPackage? ByFilename(string filename) => _byFilename.GetValueOrDefault(filename);

    public static PackageIndex Parse(string text)
    {
        var index = new PackageIndex();
        foreach (var stanza in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = Fields(stanza);
            if (!fields.TryGetValue("Package", out var name) || !fields.TryGetValue("Filename", out var filename)
                || !fields.TryGetValue("SHA256", out var sha) || !fields.TryGetValue("Size", out var size))
            {
                continue;
            }

            index._byFilename[filename] = new LockedPackage(
                name, fields["Version"], fields.GetValueOrDefault("Architecture", "all"), filename, long.Parse(size, CultureInfo.InvariantCulture), sha);
            index._names.Add(name);
            if (fields.GetValueOrDefault("Essential") == "yes" || fields.GetValueOrDefault("Priority") == "required")
            {
                index._required.Add(name);
            }
        }

        return index;
    }

    private static Dictionary<string, string> Fields(string stanza)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in stanza.Split('\n'))
        {
            // Continuation lines (descriptions, multi-line hashes) start with a space; the fields read here are single-line.
            if (line.Length == 0 || line[0] is ' ' or '\t')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields[line[..colon]] = line[(colon + 1)..].Trim();
            }
        }

        return fields;
    }
}
