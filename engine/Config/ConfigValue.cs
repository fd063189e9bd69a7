using System.Text.Json.Nodes;

namespace Kubedos.Engine.Config;

/// <summary>One value in a stack file: plain text, a <c>secure:</c> ciphertext, or a structured (object/array) value.</summary>
/// <remarks>
/// Like Pulumi, scalars are text (<c>3</c> and <c>true</c> are read as "3" and "true").
/// A structured value is kept as JSON text and may hold <c>{"secure": ...}</c> leaves.
/// </remarks>
public sealed record ConfigValue
{
    private ConfigValue(string text, bool secure, bool structured)
    {
        Text = text;
        Secure = secure;
        IsStructured = structured;
    }

    /// <summary>The plain text, the ciphertext when <see cref="Secure"/>, or JSON when <see cref="IsStructured"/>.</summary>
    public string Text { get; }

    /// <summary>True for a <c>{secure: ciphertext}</c> value, or a structured value with a secure leaf.</summary>
    public bool Secure { get; }

    /// <summary>True when <see cref="Text"/> is the JSON of an object or array.</summary>
    public bool IsStructured { get; }

    /// <summary>A plain value.</summary>
    public static ConfigValue Plain(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), false, false);

    /// <summary>An encrypted value (<c>secure: ciphertext</c>).</summary>
    public static ConfigValue Encrypted(string ciphertext) => new(ciphertext ?? throw new ArgumentNullException(nameof(ciphertext)), true, false);

    /// <summary>A structured value; secure when any leaf is <c>{"secure": ...}</c>.</summary>
    public static ConfigValue Structured(JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new ConfigValue(json.ToJsonString(), HasSecureLeaf(json), true);
    }

    /// <summary>The structured value as JSON, or null for a scalar.</summary>
    public JsonNode? ToJson() => IsStructured ? JsonNode.Parse(Text) : null;

    internal static bool IsSecureObject(JsonNode? node) =>
        node is JsonObject { Count: 1 } obj
        && obj.TryGetPropertyValue("secure", out var value)
        && value is JsonValue v
        && v.TryGetValue<string>(out _);

    private static bool HasSecureLeaf(JsonNode? node) => node switch
    {
        _ when IsSecureObject(node) => true,
        JsonObject obj => obj.Any(p => HasSecureLeaf(p.Value)),
        JsonArray array => array.Any(HasSecureLeaf),
        _ => false,
    };
}
