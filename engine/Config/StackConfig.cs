using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using Kubedos.Engine.Secrets;

namespace Kubedos.Engine.Config;

/// <summary>A stack's effective config: the stack file's values, decrypted, over the project's declared defaults.</summary>
public sealed class StackConfig
{
    private StackConfig(string projectName, string stack, ImmutableSortedDictionary<ConfigKey, ResolvedConfigValue> values)
    {
        ProjectName = projectName;
        Stack = stack;
        Values = values;
    }

    /// <summary>The project; the default namespace of unqualified keys.</summary>
    public string ProjectName { get; }

    /// <summary>The stack the config belongs to.</summary>
    public string Stack { get; }

    /// <summary>Every value by key.</summary>
    public ImmutableSortedDictionary<ConfigKey, ResolvedConfigValue> Values { get; }

    /// <summary>Resolves <paramref name="file"/> against <paramref name="project"/>; <paramref name="secrets"/> is needed only when a value is secure.</summary>
    /// <exception cref="ConfigException">A value breaks the project's declaration (type, secrecy), or cannot be decrypted.</exception>
    public static StackConfig Resolve(ProjectFile project, StackConfigFile file, string stack, ISecretsProvider? secrets)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrEmpty(stack);

        var values = ImmutableSortedDictionary.CreateBuilder<ConfigKey, ResolvedConfigValue>();
        foreach (var declared in project.Config.Where(d => d.Default is not null))
        {
            values[declared.Key] = FromJson(declared.Default!, declared.Secret);
        }

        foreach (var (key, value) in file.Values)
        {
            values[key] = Decrypt(file, key, value, secrets);
        }

        foreach (var declared in project.Config)
        {
            if (!values.TryGetValue(declared.Key, out var value))
            {
                continue;
            }

            if (declared.Secret && file.Get(declared.Key) is { Secure: false })
            {
                throw new ConfigException(file.Path, file.LineOf(declared.Key), declared.Key.ToString(), $"the project declares this value secret, so stack '{stack}' must store it encrypted: set it with `kubedos config set --secret {declared.Key} <value>`");
            }

            CheckType(declared, value, file, stack);
            if (declared.Secret && !value.Secret)
            {
                values[declared.Key] = value with { Secret = true };
            }
        }

        return new StackConfig(project.Name, stack, values.ToImmutable());
    }

    /// <summary>The value of <paramref name="key"/> (<c>ns:name</c> or <c>name</c>), or null when unset.</summary>
    public ResolvedConfigValue? Get(string key) =>
        Values.TryGetValue(ConfigKey.Parse(key, ProjectName), out var value) ? value : null;

    /// <summary>The value of <paramref name="key"/>.</summary>
    /// <exception cref="MissingConfigException">The key is not set, naming it and how to set it.</exception>
    public ResolvedConfigValue Require(string key)
    {
        var parsed = ConfigKey.Parse(key, ProjectName);
        return Values.TryGetValue(parsed, out var value) ? value : throw new MissingConfigException(parsed, Stack);
    }

    private static ResolvedConfigValue Decrypt(StackConfigFile file, ConfigKey key, ConfigValue value, ISecretsProvider? secrets)
    {
        if (!value.Secure)
        {
            return new ResolvedConfigValue(value.Text, false, value.IsStructured);
        }

        if (secrets is null)
        {
            throw new ConfigException(file.Path, file.LineOf(key), key.ToString(), "the value is encrypted but no secrets provider was given");
        }

        try
        {
            return value.IsStructured
                ? new ResolvedConfigValue(DecryptLeaves(value.ToJson(), secrets)!.ToJsonString(), true, true)
                : new ResolvedConfigValue(secrets.Decrypt(value.Text), true, false);
        }
        catch (SecretsException e)
        {
            throw new ConfigException(file.Path, file.LineOf(key), key.ToString(), e.Message, e);
        }
    }

    private static JsonNode? DecryptLeaves(JsonNode? node, ISecretsProvider secrets) => node switch
    {
        _ when ConfigValue.IsSecureObject(node) => JsonValue.Create(secrets.Decrypt(node!["secure"]!.GetValue<string>())),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, DecryptLeaves(p.Value, secrets)))),
        JsonArray array => new JsonArray(array.Select(n => DecryptLeaves(n, secrets)).ToArray()),
        _ => node?.DeepClone(),
    };

    private static ResolvedConfigValue FromJson(JsonNode json, bool secret) => json switch
    {
        JsonObject or JsonArray => new ResolvedConfigValue(json.ToJsonString(), secret, true),
        JsonValue v when v.TryGetValue<string>(out var text) => new ResolvedConfigValue(text, secret, false),
        _ => new ResolvedConfigValue(json.ToJsonString(), secret, false),
    };

    private static void CheckType(ProjectConfigType declared, ResolvedConfigValue value, StackConfigFile file, string stack)
    {
        var ok = declared.Type switch
        {
            null or "string" => !value.IsStructured,
            "integer" => !value.IsStructured && long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            "boolean" => value.Text is "true" or "false",
            "array" => value.IsStructured && value.Text.StartsWith('['),
            _ => true,
        };
        if (!ok)
        {
            throw new ConfigException(file.Path, file.LineOf(declared.Key), declared.Key.ToString(), $"stack '{stack}' sets a value that is not of the declared type '{declared.Type ?? "string"}'");
        }
    }
}
