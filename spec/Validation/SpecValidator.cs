using Kubedos.Spec.Loading;

namespace Kubedos.Spec.Validation;

/// <summary>Stage 0: loads a ClusterSpec and runs every rule over it, reporting all faults at once.</summary>
internal static class SpecValidator
{
    /// <summary>Loads and validates <paramref name="path"/>.</summary>
    public static SpecLoadResult ValidateFile(string path) => Validate(ClusterSpecLoader.LoadFile(path));

    /// <summary>Adds the rules' findings to a load result.</summary>
    /// <remarks>
    /// A field the loader already faulted (wrong type, unknown) is not judged again by the rules,
    /// so one typo yields one diagnostic, not a cascade.
    /// </remarks>
    public static SpecLoadResult Validate(SpecLoadResult loaded)
    {
        if (loaded.Document is null)
        {
            return loaded;
        }

        var faulted = loaded.Diagnostics.Select(d => d.Path).Where(p => p.Length > 0).ToHashSet(StringComparer.Ordinal);
        var diagnostics = new List<SpecDiagnostic>(loaded.Diagnostics);
        var findings = SpecRules.All.SelectMany(rule => rule.Evaluate(loaded.Document).Select(f => (rule.Id, Finding: f)))
            .Concat(SpecRules.Written.SelectMany(rule => rule.Evaluate(loaded.Document, loaded.Sources).Select(f => (rule.Id, Finding: f))));
        foreach (var (rule, finding) in findings)
        {
            if (!IsUnderFaulted(finding.Path, faulted))
            {
                diagnostics.Add(new SpecDiagnostic(loaded.Sources.Locate(finding.Path), rule, finding.Message, finding.Path));
            }
        }

        var ordered = diagnostics
            .OrderBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ThenBy(d => d.RuleId, StringComparer.Ordinal)
            .ToArray();
        return loaded with { Diagnostics = ordered };
    }

    private static bool IsUnderFaulted(string path, HashSet<string> faulted)
    {
        for (var current = path; current.Length > 0; current = SpecPath.Parent(current))
        {
            if (faulted.Contains(current))
            {
                return true;
            }
        }

        return false;
    }
}
