using System.Globalization;
using System.Text;

namespace Kubedos.Seal.Attestation;

/// <summary>DSSE's pre-authentication encoding: the bytes a DSSE signature is made over.</summary>
/// <remarks>
/// <c>"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body</c>, lengths as ASCII decimal byte counts
/// (DSSE protocol, "Signature definition"), so neither the type nor the body can be shifted into the other.
/// </remarks>
public static class Pae
{
    public static byte[] Encode(string payloadType, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        var type = Encoding.UTF8.GetBytes(payloadType);
        // The type goes in as its UTF-8 bytes, between two ASCII parts.
        var prefix = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} "));
        var middle = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" {payload.Length} "));
        var result = new byte[prefix.Length + type.Length + middle.Length + payload.Length];
        prefix.CopyTo(result, 0);
        type.CopyTo(result, prefix.Length);
        middle.CopyTo(result, prefix.Length + type.Length);
        payload.CopyTo(result.AsSpan(prefix.Length + type.Length + middle.Length));
        return result;
    }
}
