using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using Kubedos.Pki;

namespace Kubedos.Providers.Local;

/// <summary>IPv4 address arithmetic for underlay addressing.</summary>
internal static class Ipv4
{
    public static uint ToUInt32(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{address} is not an IPv4 address", nameof(address));
        }

        return BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());
    }

    /// <summary>Parses a canonical dotted-decimal address (<see cref="Ipv4Notation"/>: no leading zeros, no hex, four octets).</summary>
    public static bool TryParseAddress(string? text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = Ipv4Notation.TryParseAddress(text, out var value, out _) ? FromUInt32(value) : null;
        return address is not null;
    }

    /// <summary>Parses a canonical <c>a.b.c.d/n</c> network whose host bits are zero.</summary>
    public static bool TryParseNetwork(string? text, out IPNetwork network)
    {
        network = default;
        if (!Ipv4Notation.TryParsePrefixed(text, out var value, out var prefix, out _) || Ipv4Notation.HostBits(value, prefix) != 0)
        {
            return false;
        }

        network = new IPNetwork(FromUInt32(value), prefix);
        return true;
    }

    /// <summary>A canonical address that Check already accepted.</summary>
    public static IPAddress ParseAddress(string text) =>
        TryParseAddress(text, out var address) ? address : throw new ArgumentException($"'{text}' is not a canonical IPv4 address", nameof(text));

    /// <summary>A canonical network that Check already accepted.</summary>
    public static IPNetwork ParseNetwork(string text) =>
        TryParseNetwork(text, out var network) ? network : throw new ArgumentException($"'{text}' is not a canonical IPv4 network", nameof(text));

    /// <summary>Parses a canonical <c>a.b.c.d/n</c> interface address (host bits set).</summary>
    public static bool TryParseInterfaceAddress(string? text, [NotNullWhen(true)] out IPAddress? address, out int prefixLength)
    {
        address = Ipv4Notation.TryParsePrefixed(text, out var value, out prefixLength, out _) ? FromUInt32(value) : null;
        return address is not null;
    }

    /// <summary>The special-purpose range (loopback, link-local, multicast, ...) a network overlaps, as "the loopback range 127.0.0.0/8", or null.</summary>
    public static string? SpecialPurposeRange(IPNetwork network) =>
        Ipv4Notation.SpecialPurposeRange(ToUInt32(network.BaseAddress), network.PrefixLength) is { } special
            ? $"the {special.Name} {special.Range}"
            : null;

    public static IPAddress FromUInt32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    /// <summary>The network an address with this prefix length belongs to.</summary>
    public static IPNetwork NetworkOf(IPAddress address, int prefixLength)
    {
        var mask = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
        return new IPNetwork(FromUInt32(ToUInt32(address) & mask), prefixLength);
    }

    /// <summary>The last address before the broadcast address.</summary>
    public static IPAddress LastUsable(IPNetwork network) =>
        FromUInt32((ToUInt32(network.BaseAddress) | (uint.MaxValue >> network.PrefixLength)) - 1);

    /// <summary>True when the address is usable by a host: inside, and neither the network nor the broadcast address.</summary>
    public static bool IsHostAddress(IPNetwork network, IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork || !network.Contains(address))
        {
            return false;
        }

        var value = ToUInt32(address);
        var first = ToUInt32(network.BaseAddress);
        var last = first | (uint.MaxValue >> network.PrefixLength);
        return value != first && value != last;
    }
}
