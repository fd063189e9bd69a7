using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Kubedos.Pki;

namespace Kubedos.Spec.Normalisation;

/// <summary>An IPv4 network in CIDR form, with the arithmetic plane addressing needs.</summary>
internal readonly record struct Ipv4Cidr(uint Network, int PrefixLength)
{
    /// <summary>Number of addresses in the network, network and broadcast included.</summary>
    public long Size => 1L << (32 - PrefixLength);

    public uint Last => (uint)(Network + Size - 1);

    public bool Overlaps(Ipv4Cidr other) => Network <= other.Last && other.Network <= Last;

    /// <summary>
    /// Every pair of <paramref name="networks"/> that overlap, as (earlier, later) in the order given: the one test of
    /// disjointness validation (<c>plane-cidr-disjoint</c>, <c>cluster-network-disjoint</c>) and the policy pack share.
    /// </summary>
    public static IEnumerable<(T Earlier, T Later)> Overlapping<T>(IReadOnlyList<T> networks, Func<T, Ipv4Cidr> cidrOf)
    {
        ArgumentNullException.ThrowIfNull(networks);
        ArgumentNullException.ThrowIfNull(cidrOf);
        for (var i = 0; i < networks.Count; i++)
        {
            for (var j = i + 1; j < networks.Count; j++)
            {
                if (cidrOf(networks[i]).Overlaps(cidrOf(networks[j])))
                {
                    yield return (networks[i], networks[j]);
                }
            }
        }
    }

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

    /// <summary>Parses canonical <c>a.b.c.d/n</c> (<see cref="Ipv4Notation"/>); the error says what is wrong (leading zeros, host bits set, ...).</summary>
    public static bool TryParse(string? text, out Ipv4Cidr cidr, out string error)
    {
        cidr = default;
        if (!Ipv4Notation.TryParsePrefixed(text, out var value, out var prefix, out error))
        {
            return false;
        }

        if (Ipv4Notation.HostBits(value, prefix) != 0)
        {
            var network = new Ipv4Cidr(value & Ipv4Notation.Mask(prefix), prefix);
            error = $"'{text}' has host bits set; the network is {network}";
            return false;
        }

        cidr = new Ipv4Cidr(value, prefix);
        error = string.Empty;
        return true;
    }

    /// <summary>Why this network cannot carry a plane or cluster network (a special-purpose range), or null.</summary>
    public string? SpecialPurposeProblem() =>
        Ipv4Notation.SpecialPurposeRange(Network, PrefixLength) is { } special
            ? $"{this} lies in the {special.Name} {special.Range}, which cannot carry a plane or cluster network"
            : null;

    /// <summary>True when the network is private (RFC 1918) or shared (100.64.0.0/10) address space.</summary>
    public bool IsPrivate => Ipv4Notation.IsPrivate(Network, PrefixLength);

    private static uint ToUInt(IPAddress address) => BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());
}
