using System.Collections.Immutable;
using YamlDotNet.RepresentationModel;

namespace Kubedos.Engine.Config;

/// <summary><c>Pulumi.&lt;stack&gt;.yaml</c>: the stack's <c>encryptionsalt</c> and its <c>config:</c> values. Immutable; changes return a copy.</summary>
/// <remarks>
/// Values loaded from the file are written back exactly as they were (same scalar style); new
/// values are written the way Pulumi writes them (<c>secure: v1:...</c>), keys in ordinal order.
/// Top-level fields Kubedos does not interpret (secretsprovider, environment, ...) are kept.
/// </remarks>
public sealed class StackConfigFile
{
    private readonly YamlMappingNode root;
    private readonly ImmutableSortedDictionary<ConfigKey, Entry> entries;

    private StackConfigFile(string projectName, string? path, YamlMappingNode root, string? encryptionSalt, ImmutableSortedDictionary<ConfigKey, Entry> entries)
    {
        ProjectName = projectName;
        Path = path;
        this.root = root;
        EncryptionSalt = encryptionSalt;
        this.entries = entries;
    }

    /// <summary>The project whose name is the default namespace of unqualified keys.</summary>
    public string ProjectName { get; }

    /// <summary>The file this was loaded from, when it was.</summary>
    public string? Path { get; }

    /// <summary>The passphrase provider's state, <c>v1:&lt;salt&gt;:&lt;check&gt;</c>; null until secrets are first used.</summary>
    public string? EncryptionSalt { get; }

    /// <summary>The config values, by key in ordinal order; secure ones still encrypted.</summary>
    public IReadOnlyDictionary<ConfigKey, ConfigValue> Values =>
        entries.ToImmutableSortedDictionary(p => p.Key, p => p.Value.Value);

    /// <summary>True when any value is (or holds) a ciphertext.</summary>
    public bool HasSecureValues => entries.Values.Any(e => e.Value.Secure);

    /// <summary>The file name of a stack's config file: <c>Pulumi.&lt;stack&gt;.yaml</c>.</summary>
    public static string FileNameFor(string stack)
    {
        ArgumentException.ThrowIfNullOrEmpty(stack);
        return $"Pulumi.{stack}.yaml";
    }

    /// <summary>An empty stack file for the project <paramref name="projectName"/>.</summary>
    public static StackConfigFile Empty(string projectName)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectName);
        return new StackConfigFile(projectName, null, [], null, ImmutableSortedDictionary<ConfigKey, Entry>.Empty);
    }

    /// <summary>Loads <paramref name="path"/>, or an empty file when it does not exist (Pulumi treats them the same).</summary>
    public static StackConfigFile LoadOrEmpty(string path, string projectName) =>
        File.Exists(path) ? Load(path, projectName) : Empty(projectName);

    /// <summary>Loads <paramref name="path"/>; unqualified keys get <paramref name="projectName"/> as namespace.</summary>
    /// <exception cref="ConfigException">Unreadable, not YAML, or a malformed key or value; carries the file, line and key.</exception>
    public static StackConfigFile Load(string path, string projectName)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectName);
        var root = YamlValues.LoadMapping(path);
        var salt = YamlValues.Child(root, "encryptionsalt") switch
        {
            null => null,
            YamlScalarNode { Value: { Length: > 0 } text } => text,
            var other => throw new ConfigException(path, YamlValues.Line(other), null, "'encryptionsalt' must be text"),
        };

        var entries = ImmutableSortedDictionary.CreateBuilder<ConfigKey, Entry>();
        switch (YamlValues.Child(root, "config"))
        {
            case null or YamlScalarNode { Value: null or "" }:
                break;
            case YamlMappingNode config:
                foreach (var (keyNode, valueNode) in config.Children)
                {
                    var (key, value) = ReadEntry(keyNode, valueNode, projectName, path);
                    if (!entries.TryAdd(key, new Entry(value, valueNode, YamlValues.Line(keyNode))))
                    {
                        throw new ConfigException(path, YamlValues.Line(keyNode), key.ToString(), "set twice");
                    }
                }

                break;
            case var other:
                throw new ConfigException(path, YamlValues.Line(other), null, "'config' must be a mapping of <namespace>:<key> to values");
        }

        return new StackConfigFile(projectName, path, root, salt, entries.ToImmutable());
    }

    /// <summary>The value of <paramref name="key"/> (<c>ns:name</c> or <c>name</c>), or null.</summary>
    public ConfigValue? Get(string key) => Get(ConfigKey.Parse(key, ProjectName));

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public ConfigValue? Get(ConfigKey key) => entries.TryGetValue(key, out var entry) ? entry.Value : null;

    /// <summary>The 1-based line of <paramref name="key"/> in the loaded file, when known.</summary>
    public int? LineOf(ConfigKey key) =>
        entries.TryGetValue(key, out var entry) ? entry.Line : null;

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public StackConfigFile Set(ConfigKey key, ConfigValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return new StackConfigFile(ProjectName, Path, root, EncryptionSalt, entries.SetItem(key, new Entry(value, null)));
    }

    /// <summary>A copy without <paramref name="key"/> (unchanged when it is absent).</summary>
    public StackConfigFile Remove(ConfigKey key) =>
        new(ProjectName, Path, root, EncryptionSalt, entries.Remove(key));

    /// <summary>A copy holding only <paramref name="key"/>'s value (when set), with its file and line.</summary>
    internal StackConfigFile Only(ConfigKey key) =>
        new(ProjectName, Path, root, EncryptionSalt, entries.TryGetValue(key, out var entry)
            ? ImmutableSortedDictionary<ConfigKey, Entry>.Empty.Add(key, entry)
            : ImmutableSortedDictionary<ConfigKey, Entry>.Empty);

    /// <summary>A copy with the passphrase provider's state.</summary>
    public StackConfigFile WithEncryptionSalt(string encryptionSalt)
    {
        ArgumentException.ThrowIfNullOrEmpty(encryptionSalt);
        return new StackConfigFile(ProjectName, Path, root, encryptionSalt, entries);
    }

    /// <summary>Writes the file to <paramref name="path"/> atomically.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var saltNode = EncryptionSalt is null ? null : YamlValues.Scalar(EncryptionSalt);
        YamlNode? configNode = null;
        if (!entries.IsEmpty)
        {
            var config = new YamlMappingNode();
            foreach (var (key, entry) in entries)
            {
                config.Add(YamlValues.Scalar(key.ToString()), entry.Node ?? ToYaml(entry.Value));
            }

            configNode = config;
        }

        var updated = YamlValues.With(root, "encryptionsalt", saltNode, "config");
        updated = YamlValues.With(updated, "config", configNode);
        YamlValues.SaveMapping(updated, path);
    }

    private static (ConfigKey Key, ConfigValue Value) ReadEntry(YamlNode keyNode, YamlNode valueNode, string projectName, string path)
    {
        var keyText = (keyNode as YamlScalarNode)?.Value
            ?? throw new ConfigException(path, YamlValues.Line(keyNode), null, "config keys must be text");
        ConfigKey key;
        try
        {
            key = ConfigKey.Parse(keyText, projectName);
        }
        catch (ConfigException e)
        {
            throw new ConfigException(path, YamlValues.Line(keyNode), keyText, e.Problem ?? e.Message, e);
        }

        ConfigValue value = valueNode switch
        {
            YamlScalarNode scalar => ConfigValue.Plain(scalar.Value ?? string.Empty),
            YamlMappingNode mapping when mapping.Children.Count == 1 && YamlValues.Child(mapping, "secure") is { } secure =>
                secure is YamlScalarNode { Value: { Length: > 0 } ciphertext }
                    ? ConfigValue.Encrypted(ciphertext)
                    : throw new ConfigException(path, YamlValues.Line(secure), key.ToString(), "'secure' must hold a ciphertext"),
            _ => ConfigValue.Structured(YamlValues.ToJson(valueNode)!),
        };
        return (key, value);
    }

    private static YamlNode ToYaml(ConfigValue value) => value switch
    {
        { IsStructured: true } => YamlValues.FromJson(value.ToJson()),
        { Secure: true } => new YamlMappingNode { { "secure", YamlValues.Scalar(value.Text) } },
        _ => YamlValues.Scalar(value.Text),
    };

    private sealed record Entry(ConfigValue Value, YamlNode? Node, int? Line = null);
}
