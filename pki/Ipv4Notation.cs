using System.Buffers.Binary;
using System.Net;

namespace Kubedos.Pki;

/// <summary>
/// The one reader of IPv4 text (addresses and <c>a.b.c.d/n</c>): canonical dotted-decimal only,
/// and the special-purpose ranges (RFC 6890) a network must not be placed in.
/// </summary>
/// <remarks>
/// <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> follows inet_aton: <c>010.101.000.000</c>
/// is octal 8.101.0.0, <c>0x0a.1.1.1</c> is hex and <c>10.1</c> is 10.0.0.1, so text a person wrote
/// would silently mean another network. Here an address is exactly four decimal octets 0-255 without
/// leading zeros, and a prefix length is 0-32 without leading zeros.
/// </remarks>
public static class Ipv4Notation
{
    private static readonly (uint Network, int Prefix, string Range, string Name)[] SpecialPurpose =
    [
        (0x00000000, 8, "0.0.0.0/8", "'this network' range"),
        (0x7F000000, 8, "127.0.0.0/8", "loopback range"),
        (0xA9FE0000, 16, "169.254.0.0/16", "link-local range"),
        (0xE0000000, 4, "224.0.0.0/4", "multicast range"),
        (0xF0000000, 4, "240.0.0.0/4", "reserved range"),
    ];

    private static readonly (uint Network, int Prefix)[] Private =
    [
        (0x0A000000, 8),
        (0xAC100000, 12),
        (0xC0A80000, 16),
        (0x64400000, 10),
    ];

    /// <summary>Parses a canonical dotted-decimal address; <paramref name="problem"/> says what is wrong otherwise.</summary>
    public static bool TryParseAddress(string? text, out uint address, out string problem)
    {
        address = 0;
        var parts = (text ?? string.Empty).Split('.');
        if (parts.Length != 4)
        {
            problem = $"'{text}' is not an IPv4 address of four dot-separated decimal octets such as 10.101.0.1";
            return false;
        }

        foreach (var part in parts)
        {
            if (!TryParseDecimal(part, 255, out var octet))
            {
                problem = part.Length > 1 && part[0] == '0' && part.All(char.IsAsciiDigit)
                    ? $"'{text}' has the octet '{part}' with a leading zero (other tools read it as octal); write {Canonical(parts)}"
                    : $"'{text}' has the octet '{part}'; octets are decimal numbers 0-255";
                return false;
            }

            address = (address << 8) | octet;
        }

        problem = string.Empty;
        return true;
    }

    /// <summary>Parses canonical <c>a.b.c.d/n</c>; host bits may be set (an interface address), see <see cref="HostBits"/>.</summary>
    public static bool TryParsePrefixed(string? text, out uint address, out int prefixLength, out string problem)
    {
        address = 0;
        prefixLength = 0;
        var slash = (text ?? string.Empty).Split('/');
        if (slash.Length != 2)
        {
            problem = $"'{text}' is not a CIDR such as 10.101.0.0/24";
            return false;
        }

        if (!TryParseAddress(slash[0], out address, out problem))
        {
            problem = $"'{text}' is not a canonical IPv4 CIDR: {problem}";
            return false;
        }

        if (!TryParseDecimal(slash[1], 32, out var prefix))
        {
            problem = $"'{text}' has prefix length '{slash[1]}'; it must be a decimal 0-32 without leading zeros";
            return false;
        }

        prefixLength = (int)prefix;
        return true;
    }

    /// <summary>The bits of <paramref name="address"/> outside a /<paramref name="prefixLength"/> network.</summary>
    public static uint HostBits(uint address, int prefixLength) => address & ~Mask(prefixLength);

    /// <summary>The network mask of a prefix length.</summary>
    public static uint Mask(int prefixLength) => prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);

    /// <summary>The special-purpose range a network overlaps and why it cannot carry traffic, or null.</summary>
    public static (string Range, string Name)? SpecialPurposeRange(uint network, int prefixLength)
    {
        foreach (var (start, prefix, range, name) in SpecialPurpose)
        {
            if (Overlaps(network, prefixLength, start, prefix))
            {
                return (range, name);
            }
        }

        return null;
    }

    /// <summary>True when the network lies inside private (RFC 1918) or shared (100.64.0.0/10, RFC 6598) address space.</summary>
    public static bool IsPrivate(uint network, int prefixLength) =>
        Private.Any(p => prefixLength >= p.Prefix && (network & Mask(p.Prefix)) == p.Network);

    /// <summary>The address as an <see cref="IPAddress"/>.</summary>
    public static IPAddress ToAddress(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    private static bool Overlaps(uint a, int aPrefix, uint b, int bPrefix)
    {
        var shorter = Math.Min(aPrefix, bPrefix);
        return (a & Mask(shorter)) == (b & Mask(shorter));
    }

    private static bool TryParseDecimal(string text, uint max, out uint value)
    {
        value = 0;
        if (text.Length is 0 or > 3 || !text.All(char.IsAsciiDigit) || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }

        value = uint.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return value <= max;
    }

    private static string Canonical(string[] parts) =>
        string.Join('.', parts.Select(p => p.All(char.IsAsciiDigit) && p.Length > 0 ? p.TrimStart('0') is { Length: > 0 } t ? t : "0" : p));
}
