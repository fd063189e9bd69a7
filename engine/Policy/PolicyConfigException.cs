namespace Kubedos.Engine.Policy;

/// <summary>The policy config file is wrong; carries the file, the policy key and the line when known.</summary>
public sealed class PolicyConfigException : Exception
{
    public PolicyConfigException()
    {
    }

    public PolicyConfigException(string message)
        : base(message)
    {
    }

    public PolicyConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error in <paramref name="file"/> (line 1-based when known) about <paramref name="key"/>.</summary>
    public PolicyConfigException(string? file, int? line, string? key, string problem, Exception? innerException = null)
        : base($"{(file is null ? "policy config" : file)}{(line is null ? string.Empty : $":{line}")}: {(key is null ? string.Empty : $"'{key}': ")}{problem}", innerException)
    {
        File = file;
        Line = line;
        Key = key;
    }

    /// <summary>The policy config file, when the config came from one.</summary>
    public string? File { get; }

    /// <summary>The 1-based line, when known.</summary>
    public int? Line { get; }

    /// <summary>The policy name (or <c>all</c>) at fault.</summary>
    public string? Key { get; }
}
