namespace Kubedos.Seal.Sbom;

/// <summary>
/// Reads a Debian copyright file for the licences it declares, only when it is machine-readable
/// (copyright-format 1.0, "DEP-5": a first paragraph with <c>Format: .../copyright-format/1.0/</c>).
/// </summary>
public static class Dep5Copyright
{
    /// <summary>The licences the file declares; <see cref="DeclaredLicence.None"/> for a free-text file.</summary>
    public static DeclaredLicence Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var paragraphs = Paragraphs(text);
        if (paragraphs.Count == 0 || !IsMachineReadable(paragraphs[0]))
        {
            return DeclaredLicence.None;
        }

        // A Files paragraph's License field is the licence of those files; a stand-alone License paragraph only gives a text.
        var declared = paragraphs
            .Where(p => p.ContainsKey("files") && p.ContainsKey("license"))
            .Select(p => FirstLine(p["license"]))
            .Where(l => l.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (declared.Count == 0)
        {
            return DeclaredLicence.None;
        }

        var expressions = declared.Select(ToSpdx).ToList();
        var spdx = expressions.Any(e => e is null)
            ? null
            : string.Join(" AND ", expressions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(e => expressions.Count > 1 && e!.Contains(" OR ", StringComparison.Ordinal) ? $"({e})" : e));
        return new DeclaredLicence(declared.Order(StringComparer.Ordinal).ToList(), spdx);
    }

    private static bool IsMachineReadable(Dictionary<string, string> header) =>
        header.TryGetValue("format", out var format) && format.Contains("copyright-format/1.0", StringComparison.Ordinal);

    // "GPL-2+ or Artistic-1.0", "BSD-3-clause and MIT": DEP-5 joins names with lower-case "or"/"and" (commas may precede them).
    // An exception ("with ... exception") or a name without an exact id makes the whole field NOASSERTION.
    private static string? ToSpdx(string field)
    {
        if (field.Contains(" with ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var orParts = field.Replace(",", " ", StringComparison.Ordinal).Split(" or ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var alternatives = new List<string>();
        foreach (var alternative in orParts)
        {
            var ids = alternative.Split(" and ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(SpdxLicenceIds.For).ToList();
            if (ids.Count == 0 || ids.Any(id => id is null))
            {
                return null;
            }

            alternatives.Add(ids.Count == 1 ? ids[0]! : $"({string.Join(" AND ", ids)})");
        }

        return alternatives.Count == 0 ? null : string.Join(" OR ", alternatives);
    }

    private static string FirstLine(string value)
    {
        var end = value.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? value : value[..end]).Trim();
    }

    // RFC 822-style paragraphs: "Field: value", continuation lines start with white space, blank lines separate.
    internal static List<Dictionary<string, string>> Paragraphs(string text)
    {
        var result = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        string? field = null;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (raw.Trim().Length == 0)
            {
                current = null;
                field = null;
                continue;
            }

            if (raw[0] is ' ' or '\t')
            {
                if (current is not null && field is not null)
                {
                    current[field] += "\n" + raw.Trim();
                }

                continue;
            }

            if (raw[0] == '#')
            {
                continue;
            }

            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            if (current is null)
            {
                current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                result.Add(current);
            }

            field = raw[..colon].Trim();
            current[field] = raw[(colon + 1)..].Trim();
        }

        return result;
    }
}
