using System.Text.Json;

namespace Kubedos.Seal.Sbom;

/// <summary>
/// A project's NuGet dependency closure, read from the build's own <c>project.assets.json</c> (what restore resolved):
/// every package and project of the target framework with its dependencies, packages with their <c>pkg:nuget</c> purl
/// and the SHA-512 NuGet records for the <c>.nupkg</c>.
/// </summary>
public static class NuGetAssets
{
    /// <summary>The closure of <paramref name="assetsJson"/>'s first target framework (no runtime-specific target).</summary>
    /// <exception cref="FormatException">The file is not an assets file, or names a dependency it does not resolve.</exception>
    public static IReadOnlyList<SbomPackage> Closure(string assetsJson, out IReadOnlyList<string> directRefs, out string targetFramework)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(assetsJson);
        }
        catch (JsonException e)
        {
            throw new FormatException($"project.assets.json is not JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (!root.TryGetProperty("targets", out var targets) || !root.TryGetProperty("libraries", out var libraries))
            {
                throw new FormatException("project.assets.json has no 'targets' or 'libraries'");
            }

            var target = targets.EnumerateObject().FirstOrDefault(t => !t.Name.Contains('/', StringComparison.Ordinal));
            if (target.Value.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("project.assets.json has no framework target");
            }

            targetFramework = target.Name;
            var entries = target.Value.EnumerateObject().Select(e => Entry.From(e, libraries)).ToList();
            var byName = entries.ToDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);
            var packages = entries
                .Select(e => new SbomPackage(
                    e.Ref,
                    e.Name,
                    e.Version,
                    e.IsPackage ? Purl.NuGet(e.Name, e.Version) : null,
                    null,
                    e.Sha512,
                    DeclaredLicence.None,
                    e.Dependencies.Select(d => byName.TryGetValue(d, out var dep) ? dep.Ref : throw new FormatException($"'{e.Name}' depends on '{d}', which the target does not resolve"))
                        .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                    [new("kubedos:nuget:type", e.IsPackage ? "package" : "project")]))
                .OrderBy(p => p.Ref, StringComparer.Ordinal)
                .ToList();
            directRefs = DirectNames(root, target.Name, entries)
                .Select(n => byName.TryGetValue(n, out var e) ? e.Ref : null)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            return packages;
        }
    }

    // The project's own package references and project references for the framework.
    private static IEnumerable<string> DirectNames(JsonElement root, string framework, IReadOnlyList<Entry> entries)
    {
        if (!root.TryGetProperty("project", out var project))
        {
            yield break;
        }

        if (project.TryGetProperty("frameworks", out var frameworks))
        {
            foreach (var f in frameworks.EnumerateObject().Where(f => FrameworkMatches(f, framework)))
            {
                if (f.Value.TryGetProperty("dependencies", out var dependencies))
                {
                    foreach (var d in dependencies.EnumerateObject())
                    {
                        yield return d.Name;
                    }
                }
            }
        }

        if (project.TryGetProperty("restore", out var restore) && restore.TryGetProperty("frameworks", out var restoreFrameworks))
        {
            foreach (var f in restoreFrameworks.EnumerateObject().Where(f => FrameworkMatches(f, framework)))
            {
                if (f.Value.TryGetProperty("projectReferences", out var references))
                {
                    foreach (var reference in references.EnumerateObject())
                    {
                        var file = Path.GetFileName(reference.Name);
                        var entry = entries.FirstOrDefault(e => !e.IsPackage && string.Equals(Path.GetFileName(e.Path), file, StringComparison.OrdinalIgnoreCase));
                        if (entry is not null)
                        {
                            yield return entry.Name;
                        }
                    }
                }
            }
        }
    }

    // The target key is the framework's moniker ("net10.0"); a project's alias may be spelled the same or carry "targetAlias".
    private static bool FrameworkMatches(JsonProperty framework, string target) =>
        string.Equals(framework.Name, target, StringComparison.OrdinalIgnoreCase)
        || (framework.Value.TryGetProperty("targetAlias", out var alias) && string.Equals(alias.GetString(), target, StringComparison.OrdinalIgnoreCase));

    private sealed record Entry(string Name, string Version, bool IsPackage, string? Sha512, string? Path, IReadOnlyList<string> Dependencies)
    {
        public string Ref => IsPackage ? Purl.NuGet(Name, Version) : $"project:{Name}@{Version}";

        public static Entry From(JsonProperty e, JsonElement libraries)
        {
            var slash = e.Name.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0)
            {
                throw new FormatException($"target entry '{e.Name}' is not NAME/VERSION");
            }

            var type = e.Value.TryGetProperty("type", out var t) ? t.GetString() : null;
            var dependencies = e.Value.TryGetProperty("dependencies", out var deps) ? deps.EnumerateObject().Select(d => d.Name).ToList() : [];
            string? sha512 = null;
            string? path = null;
            if (libraries.TryGetProperty(e.Name, out var library))
            {
                if (library.TryGetProperty("sha512", out var hash) && hash.GetString() is { Length: > 0 } b64)
                {
                    sha512 = Convert.ToHexStringLower(Convert.FromBase64String(b64));
                }

                path = library.TryGetProperty("path", out var p) ? p.GetString() : null;
            }

            return new Entry(e.Name[..slash], e.Name[(slash + 1)..], type == "package", sha512, path, dependencies);
        }
    }
}
