using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Kubedos.Spec.Normalisation;

/// <summary>An IPv4 network in CIDR form, with the arithmetic plane addressing needs.</summary>
internal readonly record struct Ipv4Cidr(uint Network, int PrefixLength)
{
    /// <summary>Number of addresses in the network, network and broadcast included.</summary>
    public long Size => 1L << (32 - PrefixLength);

    public uint Last => (uint)(Network + Size - 1);

    public bool Overlaps(Ipv4Cidr other) => Network <= other.Last && other.Network <= Last;

    public bool Contains(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork && ToUInt(address) >= Network && ToUInt(address) <= Last;

    /// <summary>The address <paramref name="offset"/> hosts into the network.</summary>
    public IPAddress At(long offset)
    {
        if (offset < 0 || offset >= Size)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"outside {this}");
        }

        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)(Network + offset));
        return new IPAddress(bytes);
    }

    public override string ToString() => $"{At(0)}/{PrefixLength}";

    /// <summary>Parses <c>a.b.c.d/n</c>; the error says what is wrong (host bits set, not IPv4, ...).</summary>
    public static bool TryParse(string? text, out Ipv4Cidr cidr, out string error)
    {
        cidr = default;
        var parts = (text ?? string.Empty).Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var address)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            error = $"'{text}' is not a CIDR such as 10.101.0.0/24";
            return false;
        }

        if (address.AddressFamily != AddressFamily.InterNetwork || parts[0].Count(c => c == '.') != 3)
        {
            error = $"'{text}' is not an IPv4 CIDR (planes and cluster networks are IPv4)";
            return false;
        }

        if (prefix is < 0 or > 32)
        {
            error = $"'{text}' has prefix length {prefix}; it must be 0-32";
            return false;
        }

        var value = ToUInt(address);
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        if ((value & ~mask) != 0)
        {
            var network = new Ipv4Cidr(value & mask, prefix);
            error = $"'{text}' has host bits set; the network is {network}";
            return false;
        }

        cidr = new Ipv4Cidr(value, prefix);
        error = string.Empty;
        return true;
    }

    private static uint ToUInt(IPAddress address) => BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());
}
