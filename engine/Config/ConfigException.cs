namespace Kubedos.Engine.Config;

/// <summary>A project or stack file, or a config key in it, is wrong; carries the file, line and key a person needs.</summary>
public class ConfigException : Exception
{
    public ConfigException()
    {
    }

    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error about <paramref name="file"/> (line 1-based when known) and optionally one config <paramref name="key"/>.</summary>
    public ConfigException(string? file, int? line, string? key, string problem, Exception? innerException = null)
        : base(Describe(file, line, key, problem), innerException)
    {
        File = file;
        Line = line;
        Key = key;
        Problem = problem;
    }

    /// <summary>The file at fault, when there is one.</summary>
    public string? File { get; }

    /// <summary>The 1-based line in <see cref="File"/>, when known.</summary>
    public int? Line { get; }

    /// <summary>The config key at fault (<c>namespace:name</c>), when there is one.</summary>
    public string? Key { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string? Problem { get; }

    private static string Describe(string? file, int? line, string? key, string problem)
    {
        var where = file is null ? string.Empty : line is null ? $"{file}: " : $"{file}:{line}: ";
        var what = key is null ? string.Empty : $"config key '{key}': ";
        return where + what + problem;
    }
}
