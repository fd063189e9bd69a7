using System.CommandLine;
using System.Globalization;

namespace Kubedos.Engine.Cli;

/// <summary>Rules a verb puts on its options, checked while parsing: a broken rule is a usage error (exit 2) naming the option, the value and the rule.</summary>
public static class OptionRules
{
    /// <summary>The option names a file the verb writes: it must not be a directory, and its directory must exist.</summary>
    /// <param name="option">The option.</param>
    /// <param name="baseDirectory">What a relative path is relative to (the verb's project directory); the current directory when null.</param>
    public static Option<string?> FileToWrite(this Option<string?> option, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } path && FileToWriteProblem(path, baseDirectory) is { } problem)
            {
                result.AddError($"{option.Name} {path}: {problem}");
            }
        });
        return option;
    }

    /// <summary>The option names a directory the verb creates or fills: it must not be an existing file.</summary>
    public static Option<string> DirectoryToWrite(this Option<string> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { Length: > 0 } path && File.Exists(path))
            {
                result.AddError($"{option.Name} {path}: is a file; give a directory (it is created when missing)");
            }
        });
        return option;
    }

    /// <summary>The option's number must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<int> InRange(this Option<int> option, int min, int max, string unit)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} {value}: must be {min} to {max} {unit}"));
            }
        });
        return option;
    }

    /// <summary>Why <paramref name="path"/> (relative to <paramref name="baseDirectory"/>) cannot be written as a file, or null when it can be tried.</summary>
    public static string? FileToWriteProblem(string path, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = path.Length == 0 ? string.Empty : Path.GetFullPath(path, baseDirectory ?? Directory.GetCurrentDirectory());
        if (path.Length == 0 || Path.EndsInDirectorySeparator(path) || Directory.Exists(full))
        {
            return "is a directory; give the path of a file to write";
        }

        var directory = Path.GetDirectoryName(full);
        return directory is not null && !Directory.Exists(directory)
            ? $"its directory {directory} does not exist"
            : null;
    }
}
