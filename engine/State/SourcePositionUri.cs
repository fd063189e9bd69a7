using System.Globalization;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.State;

/// <summary>A resource's source position in the checkpoint, in Pulumi's shape: <c>project:///stacks/lab-01.yaml#12,7</c>.</summary>
/// <remarks>A relative file is project-relative (<c>project://</c>); an absolute one keeps its path (<c>file://</c>). The last <c>#</c> separates the position.</remarks>
internal static class SourcePositionUri
{
    private const string ProjectScheme = "project://";
    private const string FileScheme = "file://";

    public static string Format(PolicySourceLocation source)
    {
        var file = source.File.Replace('\\', '/');
        var prefix = file.StartsWith('/') ? FileScheme : ProjectScheme + "/";
        var position = source.Line is not { } line ? string.Empty
            : source.Column is { } column ? string.Create(CultureInfo.InvariantCulture, $"#{line},{column}")
            : string.Create(CultureInfo.InvariantCulture, $"#{line}");
        return prefix + file + position;
    }

    /// <summary>The location <paramref name="uri"/> names; null when it is not one of ours (a foreign checkpoint's value is not an error).</summary>
    public static PolicySourceLocation? Parse(string uri)
    {
        string path;
        if (uri.StartsWith(ProjectScheme + "/", StringComparison.Ordinal))
        {
            path = uri[(ProjectScheme.Length + 1)..];
        }
        else if (uri.StartsWith(FileScheme, StringComparison.Ordinal))
        {
            path = uri[FileScheme.Length..];
        }
        else
        {
            return null;
        }

        var hash = path.LastIndexOf('#');
        if (hash < 0)
        {
            return path.Length == 0 ? null : new PolicySourceLocation(path);
        }

        var file = path[..hash];
        var parts = path[(hash + 1)..].Split(',');
        int? line = int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : null;
        int? column = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0 ? c : null;
        if (line is null)
        {
            // No position after the '#': it is part of the file name.
            return new PolicySourceLocation(path);
        }

        return file.Length == 0 ? null : new PolicySourceLocation(file, line, column);
    }
}
