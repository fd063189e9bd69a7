using System.Collections.Frozen;

namespace Kubedos.Spec.Loading;

/// <summary>Where each field of a loaded ClusterSpec was written, by field path.</summary>
internal sealed class SourceMap
{
    private readonly FrozenDictionary<string, SourceLocation> _locations;

    public SourceMap(string file, IReadOnlyDictionary<string, SourceLocation> locations)
    {
        File = file;
        _locations = locations.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The file the spec was read from.</summary>
    public string File { get; }

    /// <summary>The path of every field the spec wrote (a defaulted field is absent).</summary>
    public IEnumerable<string> Paths => _locations.Keys;

    /// <summary>
    /// The location of <paramref name="path"/>, or of its nearest written ancestor when the field
    /// itself is absent (a missing field is reported where its parent mapping starts).
    /// </summary>
    public SourceLocation Locate(string path)
    {
        for (var current = path; ; current = SpecPath.Parent(current))
        {
            if (_locations.TryGetValue(current, out var location))
            {
                return location;
            }

            if (current.Length == 0)
            {
                return new SourceLocation(File, 1, 1);
            }
        }
    }
}
