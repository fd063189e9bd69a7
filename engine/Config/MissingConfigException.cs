namespace Kubedos.Engine.Config;

/// <summary>A required config value is not set; the message says how to set it.</summary>
public sealed class MissingConfigException : ConfigException
{
    public MissingConfigException()
    {
    }

    public MissingConfigException(string message)
        : base(message)
    {
    }

    public MissingConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The value of <paramref name="key"/> is missing from the stack <paramref name="stack"/>.</summary>
    public MissingConfigException(ConfigKey key, string? stack)
        : base(null, null, key.ToString(), $"missing required configuration variable{(stack is null ? string.Empty : $" in stack '{stack}'")}; set it with `kubedos config set {key} <value>`")
    {
    }
}
