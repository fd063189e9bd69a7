using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubedos.Seal.Attestation;

/// <summary>A DSSE envelope <c>{payload, payloadType, signatures: [{keyid, sig}]}</c>, payload and signatures standard base64.</summary>
public sealed record DsseEnvelope(string PayloadType, byte[] Payload, IReadOnlyList<DsseSignature> Signatures)
{
    /// <summary>The payload type of an in-toto statement.</summary>
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    /// <summary>Signs <paramref name="payload"/> as <paramref name="payloadType"/> (over its PAE).</summary>
    public static DsseEnvelope Sign(string payloadType, byte[] payload, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(key);
        var signature = key.Sign(Pae.Encode(payloadType, payload));
        return new DsseEnvelope(payloadType, payload, [new DsseSignature(key.Public.KeyId, signature)]);
    }

    /// <summary>Whether some signature of this envelope is <paramref name="key"/>'s over the PAE of its type and payload.</summary>
    /// <remarks>The keyid is only a hint (DSSE): every signature is tried against the key.</remarks>
    public bool IsSignedBy(VerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var pae = Pae.Encode(PayloadType, Payload);
        return Signatures.Any(s => key.Verifies(pae, s.Sig));
    }

    /// <summary>The envelope as JSON (two-space indented, keys in DSSE's order).</summary>
    public byte[] ToJson()
    {
        var signatures = new JsonArray();
        foreach (var s in Signatures)
        {
            signatures.Add(new JsonObject { ["keyid"] = s.KeyId, ["sig"] = Convert.ToBase64String(s.Sig) });
        }

        var envelope = new JsonObject
        {
            ["payloadType"] = PayloadType,
            ["payload"] = Convert.ToBase64String(Payload),
            ["signatures"] = signatures,
        };
        return SealJson.Serialize(envelope);
    }

    /// <summary>Reads an envelope.</summary>
    /// <exception cref="FormatException">Not JSON, or a field is missing, of the wrong type, or not base64.</exception>
    public static DsseEnvelope Parse(ReadOnlySpan<byte> json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON: {e.Message}", e);
        }

        if (root is not JsonObject envelope)
        {
            throw new FormatException("a DSSE envelope is a JSON object");
        }

        var payloadType = Text(envelope, "payloadType");
        var payload = Base64(Text(envelope, "payload"), "payload");
        if (envelope["signatures"] is not JsonArray list || list.Count == 0)
        {
            throw new FormatException("'signatures' must be a non-empty array");
        }

        var signatures = new List<DsseSignature>();
        foreach (var item in list)
        {
            if (item is not JsonObject s)
            {
                throw new FormatException("each signature is an object");
            }

            var keyId = s["keyid"] is JsonValue k && k.TryGetValue(out string? id) ? id : string.Empty;
            signatures.Add(new DsseSignature(keyId, Base64(Text(s, "sig"), "sig")));
        }

        return new DsseEnvelope(payloadType, payload, signatures);
    }

    private static string Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue(out string? text) ? text : throw new FormatException($"'{name}' must be a string");

    private static byte[] Base64(string text, string name)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"'{name}' is not standard base64", e);
        }
    }
}
