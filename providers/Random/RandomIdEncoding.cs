using System.Numerics;

namespace Kubedos.Providers.Random;

/// <summary>The encodings a random id is output in (Pulumi's random.RandomId outputs).</summary>
/// <param name="Hex">Lower-case hex, prefixed.</param>
/// <param name="B64Url">Unpadded base64url, prefixed.</param>
/// <param name="B64Std">Padded standard base64, prefixed.</param>
/// <param name="Dec">The bytes as a big-endian unsigned decimal, prefixed.</param>
internal sealed record RandomIdEncoding(string Hex, string B64Url, string B64Std, string Dec)
{
    public static RandomIdEncoding Of(ReadOnlySpan<byte> bytes, string prefix)
    {
        var b64 = Convert.ToBase64String(bytes);
        var url = b64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var dec = new BigInteger(bytes, isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new RandomIdEncoding(prefix + Convert.ToHexStringLower(bytes), prefix + url, prefix + b64, prefix + dec);
    }
}
