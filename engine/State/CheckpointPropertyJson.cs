using System.Buffers;
using System.Text;
using System.Text.Json;
using Kubedos.Engine.Model;
using Kubedos.Engine.Secrets;

namespace Kubedos.Engine.State;

/// <summary>Property values in a checkpoint: plain JSON, unknowns as Pulumi's sentinel, secrets sealed with the stack's secrets provider.</summary>
internal sealed class CheckpointPropertyJson(ISecretsProvider? secrets)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true };

    public void WriteMap(Utf8JsonWriter w, PropertyMap map)
    {
        w.WriteStartObject();
        foreach (var (key, value) in map)
        {
            w.WritePropertyName(key);
            WriteValue(w, value);
        }

        w.WriteEndObject();
    }

    public void WriteValue(Utf8JsonWriter w, PropertyValue value)
    {
        switch (value.Kind)
        {
            case PropertyValueKind.Null:
                w.WriteNullValue();
                break;
            case PropertyValueKind.Bool:
                w.WriteBooleanValue(value.AsBool());
                break;
            case PropertyValueKind.Number:
                w.WriteNumberValue(value.AsNumber());
                break;
            case PropertyValueKind.String:
                w.WriteStringValue(value.AsString());
                break;
            case PropertyValueKind.Unknown:
                w.WriteStringValue(PropertyValue.UnknownSentinel);
                break;
            case PropertyValueKind.Array:
                w.WriteStartArray();
                foreach (var item in value.AsArray())
                {
                    WriteValue(w, item);
                }

                w.WriteEndArray();
                break;
            case PropertyValueKind.Object:
                WriteMap(w, value.AsObject());
                break;
            case PropertyValueKind.Secret:
                WriteSecret(w, value.SecretValue.WithoutSecrets());
                break;
        }
    }

    public PropertyMap ReadMap(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return PropertyMap.Empty;
        }

        return PropertyMap.From(e.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, ReadValue(p.Value))));
    }

    public PropertyValue ReadValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => PropertyValue.Null,
        JsonValueKind.True => PropertyValue.Of(true),
        JsonValueKind.False => PropertyValue.Of(false),
        JsonValueKind.Number => PropertyValue.Of(e.GetDouble()),
        JsonValueKind.String => e.GetString() == PropertyValue.UnknownSentinel ? PropertyValue.Unknown : PropertyValue.Of(e.GetString()),
        JsonValueKind.Array => PropertyValue.Of(e.EnumerateArray().Select(ReadValue).ToList()),
        _ => IsSecret(e) ? ReadSecret(e) : PropertyValue.Of(ReadMap(e)),
    };

    private void WriteSecret(Utf8JsonWriter w, PropertyValue plain)
    {
        if (secrets is null)
        {
            throw new StateException("a secret value must be stored but the stack has no secrets provider; set KUBEDOS_CONFIG_PASSPHRASE (or KUBEDOS_CONFIG_PASSPHRASE_FILE)");
        }

        var buffer = new ArrayBufferWriter<byte>(64);
        using (var inner = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteValue(inner, plain);
        }

        w.WriteStartObject();
        w.WriteString(CheckpointSecret.SignatureKey, CheckpointSecret.SecretSignature);
        w.WriteString(CheckpointSecret.CiphertextKey, secrets.Encrypt(Encoding.UTF8.GetString(buffer.WrittenSpan)));
        w.WriteEndObject();
    }

    private static bool IsSecret(JsonElement e) =>
        e.TryGetProperty(CheckpointSecret.SignatureKey, out var sig) && sig.ValueKind == JsonValueKind.String
        && sig.GetString() == CheckpointSecret.SecretSignature;

    private PropertyValue ReadSecret(JsonElement e)
    {
        if (e.TryGetProperty("plaintext", out var plaintext))
        {
            using var plainDoc = JsonDocument.Parse(plaintext.GetString()!);
            return PropertyValue.Secret(ReadValue(plainDoc.RootElement));
        }

        if (secrets is null)
        {
            throw new StateException("the checkpoint holds secrets but no secrets provider is configured; set KUBEDOS_CONFIG_PASSPHRASE (or KUBEDOS_CONFIG_PASSPHRASE_FILE)");
        }

        var json = secrets.Decrypt(e.GetProperty(CheckpointSecret.CiphertextKey).GetString()!);
        using var doc = JsonDocument.Parse(json);
        return PropertyValue.Secret(ReadValue(doc.RootElement));
    }
}
