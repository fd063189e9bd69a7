using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Kubedos.Spec.Model;

namespace Kubedos.Spec.Normalisation;

/// <summary>
/// Where a node sits on every plane: one host offset, the same on each plane. An explicit
/// <c>index</c> wins; otherwise the offset is derived from a hash of the node's name alone, so
/// adding or removing a node never moves another node's addresses.
/// </summary>
/// <remarks>
/// In a plane of N addresses, offset 0 is the network, N-1 the broadcast and N-2 the operator's
/// peer (the host side of the lab, or the operator's workstation); nodes use 1..N-3.
/// </remarks>
internal static class PlaneAddressing
{
    /// <summary>Highest offset a node may use in a plane of <paramref name="planeSize"/> addresses.</summary>
    public static long MaxNodeOffset(long planeSize) => planeSize - 3;

    /// <summary>Offset of the operator's peer in a plane of <paramref name="planeSize"/> addresses.</summary>
    public static long OperatorOffset(long planeSize) => planeSize - 2;

    /// <summary>The node's offset: its explicit index, or the name-derived one within the smallest plane.</summary>
    public static long OffsetOf(NodeSpec node, long smallestPlaneSize) =>
        node.Index ?? DerivedOffset(node.Name, smallestPlaneSize);

    public static long DerivedOffset(string nodeName, long smallestPlaneSize)
    {
        var span = MaxNodeOffset(smallestPlaneSize);
        if (span < 1)
        {
            return 1;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(nodeName));
        return (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)span) + 1;
    }

    /// <summary>The size of the smallest valid plane, or null when no plane parses.</summary>
    public static long? SmallestPlaneSize(NetworkingSpec networking)
    {
        long? smallest = null;
        foreach (var plane in networking.Planes.Values)
        {
            if (Ipv4Cidr.TryParse(plane.Cidr, out var cidr, out _))
            {
                smallest = smallest is null ? cidr.Size : Math.Min(smallest.Value, cidr.Size);
            }
        }

        return smallest;
    }
}
