using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubedos.Engine.Secrets;

/// <summary>A secret's form in a checkpoint: <c>{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "ciphertext": ...}</c>.</summary>
/// <remarks>
/// As in Pulumi, the ciphertext is the encryption of the JSON text of the secret's underlying
/// value, so a secret number or object round-trips with its type.
/// </remarks>
public static class CheckpointSecret
{
    /// <summary>The key that marks a special (signed) object in Pulumi's property encoding.</summary>
    public const string SignatureKey = "4dabf18193072939515e22adb298388d";

    /// <summary>The signature value that says "this object is a secret".</summary>
    public const string SecretSignature = "1b47061264138c4ac30d75fd1eb44270";

    /// <summary>The key holding the ciphertext.</summary>
    public const string CiphertextKey = "ciphertext";

    /// <summary>Encrypts <paramref name="value"/> (any JSON, null included) into its checkpoint form.</summary>
    public static JsonObject Seal(ISecretsProvider secrets, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var json = value?.ToJsonString() ?? "null";
        return FromCiphertext(secrets.Encrypt(json));
    }

    /// <summary>Decrypts a checkpoint secret back to its JSON value.</summary>
    /// <exception cref="SecretsException">The node is not a checkpoint secret, or cannot be decrypted.</exception>
    public static JsonNode? Unseal(ISecretsProvider secrets, JsonNode? node)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var ciphertext = CiphertextOf(node)
            ?? throw new SecretsException("not a checkpoint secret: expected an object with the secret signature and a ciphertext");
        var json = secrets.Decrypt(ciphertext);
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new SecretsException("a decrypted checkpoint secret is not JSON", e);
        }
    }

    /// <summary>The checkpoint form around an existing ciphertext.</summary>
    public static JsonObject FromCiphertext(string ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        return new JsonObject
        {
            [SignatureKey] = SecretSignature,
            [CiphertextKey] = ciphertext,
        };
    }

    /// <summary>True when <paramref name="node"/> carries the secret signature.</summary>
    public static bool IsSecret(JsonNode? node) =>
        node is JsonObject obj
        && obj.TryGetPropertyValue(SignatureKey, out var signature)
        && signature is JsonValue value
        && value.TryGetValue<string>(out var text)
        && text == SecretSignature;

    /// <summary>The ciphertext of a checkpoint secret, or null when <paramref name="node"/> is not one.</summary>
    public static string? CiphertextOf(JsonNode? node) =>
        IsSecret(node)
        && node is JsonObject obj
        && obj.TryGetPropertyValue(CiphertextKey, out var ct)
        && ct is JsonValue value
        && value.TryGetValue<string>(out var text)
            ? text
            : null;
}
