using System.Text.Json.Nodes;

namespace Kubedos.Engine.Config;

/// <summary>A config key declared in <c>Pulumi.yaml</c>'s <c>config:</c> block: its type, description, default and secrecy.</summary>
/// <param name="Key">The key; an unqualified name belongs to the project's namespace.</param>
/// <param name="Type">Pulumi's type name (<c>string</c>, <c>integer</c>, <c>boolean</c>, <c>array</c>), or null when not declared.</param>
/// <param name="Description">What the value is for.</param>
/// <param name="Default">The value used when the stack does not set one (text for scalars, JSON for structured).</param>
/// <param name="Secret">True when the stack must store the value encrypted.</param>
public sealed record ProjectConfigType(ConfigKey Key, string? Type, string? Description, JsonNode? Default, bool Secret);
