using System.Globalization;
using System.Text.Json.Nodes;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.Cli;

/// <summary>Property values as people and JSON lines see them: secrets always <c>[secret]</c>, never their plaintext.</summary>
internal static class PropertyText
{
    /// <summary>What a secret shows as (the same mask as the --json events).</summary>
    internal const string SecretMask = Automation.Events.EngineEventJson.SecretMask;

    private const int MaxLength = 120;

    /// <summary>A one-line form for diffs, shortened when long.</summary>
    internal static string Display(PropertyValue? value)
    {
        var text = value is null ? "null" : Render(value);
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 3), "...");
    }

    /// <summary>The value as JSON, secrets masked and unknowns as Pulumi's sentinel.</summary>
    internal static JsonNode? ToJson(PropertyValue value) => value.Kind switch
    {
        PropertyValueKind.Null => null,
        PropertyValueKind.Bool => JsonValue.Create(value.AsBool()),
        PropertyValueKind.Number => JsonValue.Create(value.AsNumber()),
        PropertyValueKind.String => JsonValue.Create(value.AsString()),
        PropertyValueKind.Array => new JsonArray([.. value.AsArray().Select(ToJson)]),
        PropertyValueKind.Object => ToJson(value.AsObject()),
        PropertyValueKind.Unknown => JsonValue.Create(PropertyValue.UnknownSentinel),
        _ => JsonValue.Create(SecretMask),
    };

    internal static JsonObject ToJson(PropertyMap map) =>
        new(map.Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value))));

    private static string Render(PropertyValue value) => value.Kind switch
    {
        PropertyValueKind.Null => "null",
        PropertyValueKind.Bool => value.AsBool() ? "true" : "false",
        PropertyValueKind.Number => value.AsNumber().ToString("R", CultureInfo.InvariantCulture),
        PropertyValueKind.String => "\"" + value.AsString().Replace("\n", "\\n", StringComparison.Ordinal) + "\"",
        PropertyValueKind.Array => "[" + string.Join(", ", value.AsArray().Select(Render)) + "]",
        PropertyValueKind.Object => "{" + string.Join(", ", value.AsObject().Select(p => $"{p.Key}: {Render(p.Value)}")) + "}",
        PropertyValueKind.Unknown => "(known after up)",
        _ => SecretMask,
    };
}
