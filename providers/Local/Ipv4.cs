using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

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
