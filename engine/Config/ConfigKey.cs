namespace Kubedos.Engine.Config;

/// <summary>A config key <c>&lt;namespace&gt;:&lt;name&gt;</c>; the namespace defaults to the project name.</summary>
public sealed record ConfigKey(string Namespace, string Name) : IComparable<ConfigKey>
{
    /// <summary>Parses <c>ns:name</c>, or <c>name</c> in <paramref name="defaultNamespace"/>.</summary>
    /// <exception cref="ConfigException">The key is empty or has more than one colon.</exception>
    public static ConfigKey Parse(string key, string defaultNamespace)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(defaultNamespace);
        var parts = key.Split(':');
        return parts switch
        {
            [var name] when name.Length > 0 => new ConfigKey(defaultNamespace, name),
            [var ns, var name] when ns.Length > 0 && name.Length > 0 => new ConfigKey(ns, name),
            _ => throw new ConfigException(null, null, key, "config keys are <namespace>:<name> or <name> (the namespace defaults to the project name)"),
        };
    }

    /// <inheritdoc />
    public int CompareTo(ConfigKey? other) =>
        other is null ? 1 : string.CompareOrdinal(ToString(), other.ToString());

    /// <inheritdoc />
    public override string ToString() => $"{Namespace}:{Name}";
}
