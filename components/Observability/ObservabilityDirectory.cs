namespace Kubedos.Components.Observability;

/// <summary><c>out/&lt;stack&gt;/observability/</c>: every rendered configuration, public parts only (keys travel as secret converge variables).</summary>
internal static class ObservabilityDirectory
{
    /// <summary>Writes <paramref name="files"/> under <paramref name="directory"/> (each replaced whole) and returns its absolute path.</summary>
    public static string Write(string directory, IReadOnlyList<RenderedConfig> files)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(files);
        var root = Path.GetFullPath(directory);
        foreach (var file in files)
        {
            var path = Path.GetFullPath(Path.Combine(root, file.RelativePath));
            if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"rendered file '{file.RelativePath}' would land outside {root}");
            }

            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, file.Content);
            File.Move(temporary, path, overwrite: true);
        }

        return root;
    }
}
