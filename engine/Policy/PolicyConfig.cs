using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubedos.Input;

namespace Kubedos.Engine.Policy;

/// <summary>The policy config file in Pulumi's shape: <c>{"all": level, "&lt;policy&gt;": level | {"enforcementLevel": level, ...}}</c>.</summary>
/// <remarks>A policy's own entry beats <c>all</c>, which beats the level the policy declares.</remarks>
public sealed class PolicyConfig
{
    private PolicyConfig(string? file, EnforcementLevel? all, ImmutableDictionary<string, PolicyConfigEntry> policies)
    {
        File = file;
        All = all;
        Policies = policies;
    }

    /// <summary>Largest policy config file read; a few dozen policies fit in a few kilobytes.</summary>
    private const long MaxBytes = 1024 * 1024;

    /// <summary>No overrides.</summary>
    public static PolicyConfig Empty { get; } = new(null, null, ImmutableDictionary<string, PolicyConfigEntry>.Empty);

    /// <summary>The file it was loaded from, when it was.</summary>
    public string? File { get; }

    /// <summary>The level for every policy without its own entry, when set.</summary>
    public EnforcementLevel? All { get; }

    /// <summary>Entries by policy name.</summary>
    public ImmutableDictionary<string, PolicyConfigEntry> Policies { get; }

    /// <summary>Loads a policy config file.</summary>
    /// <exception cref="PolicyConfigException">Unreadable, not JSON, or an unknown level; carries the file, key and line.</exception>
    public static PolicyConfig Load(string path)
    {
        string json;
        try
        {
            json = Utf8Text.Decode(path, RegularFile.ReadAtMost(path, MaxBytes));
        }
        catch (InputFileException e)
        {
            throw new PolicyConfigException(path, e.Line, null, e.Problem, e);
        }

        return Parse(json, path);
    }

    /// <summary>Parses policy config JSON; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="PolicyConfigException">Not a JSON object, or an unknown level.</exception>
    public static PolicyConfig Parse(string json, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new PolicyConfigException(file, null, null, "expected a JSON object of policy names");
        }
        catch (JsonException e)
        {
            throw new PolicyConfigException(file, e.LineNumber is { } line ? (int)line + 1 : null, null, $"not valid JSON: {e.Message}", e);
        }

        EnforcementLevel? all = null;
        var policies = ImmutableDictionary.CreateBuilder<string, PolicyConfigEntry>(StringComparer.Ordinal);
        foreach (var (key, value) in root)
        {
            var entry = ReadEntry(key, value, file);
            if (key == "all")
            {
                all = entry.EnforcementLevel;
            }
            else
            {
                policies[key] = entry;
            }
        }

        return new PolicyConfig(file, all, policies.ToImmutable());
    }

    /// <summary>The level <paramref name="policy"/> runs at under this config.</summary>
    public EnforcementLevel LevelOf(Policy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Policies.TryGetValue(policy.Name, out var entry) && entry.EnforcementLevel is { } own
            ? own
            : All ?? policy.EnforcementLevel;
    }

    /// <summary>The settings for the policy named <paramref name="policyName"/> (a copy; empty when none).</summary>
    public JsonObject SettingsOf(string policyName) =>
        Policies.TryGetValue(policyName, out var entry) ? (JsonObject)entry.Properties.DeepClone() : [];

    private static PolicyConfigEntry ReadEntry(string key, JsonNode? value, string? file)
    {
        switch (value)
        {
            case JsonValue v when v.TryGetValue<string>(out var text):
                return new PolicyConfigEntry(ParseLevel(text, key, file), []);
            case JsonObject obj:
                EnforcementLevel? level = null;
                var properties = new JsonObject();
                foreach (var (name, property) in obj)
                {
                    if (name == "enforcementLevel")
                    {
                        level = property is JsonValue pv && pv.TryGetValue<string>(out var levelText)
                            ? ParseLevel(levelText, key, file)
                            : throw new PolicyConfigException(file, null, key, "enforcementLevel must be a string");
                    }
                    else
                    {
                        properties[name] = property?.DeepClone();
                    }
                }

                return new PolicyConfigEntry(level, properties);
            default:
                throw new PolicyConfigException(file, null, key, "expected a level (\"advisory\", \"mandatory\", \"disabled\") or {\"enforcementLevel\": ...}");
        }
    }

    private static EnforcementLevel ParseLevel(string text, string key, string? file) => text switch
    {
        "advisory" => EnforcementLevel.Advisory,
        "mandatory" => EnforcementLevel.Mandatory,
        "disabled" => EnforcementLevel.Disabled,
        _ => throw new PolicyConfigException(file, null, key, $"unknown enforcement level '{text}' (use advisory, mandatory or disabled)"),
    };
}
