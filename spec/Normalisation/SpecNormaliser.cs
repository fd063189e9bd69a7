using System.Globalization;
using Kubedos.Spec.Model;

namespace Kubedos.Spec.Normalisation;

/// <summary>Turns a validated ClusterSpec into its normalised model (stage 0's output).</summary>
internal static class SpecNormaliser
{
    /// <summary>First WireGuard port; plane wgN listens on 51820 + N unless it says otherwise.</summary>
    public const int BaseListenPort = 51820;

    /// <summary>Normalises <paramref name="document"/>, which must have passed validation.</summary>
    /// <exception cref="InvalidOperationException">The document has a fault validation reports.</exception>
    public static NormalisedCluster Normalise(ClusterDocument document)
    {
        var planes = document.Spec.Networking.Planes
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select((p, ordinal) => NormalisePlane(p.Key, p.Value, ordinal))
            .ToArray();
        if (planes.Length == 0)
        {
            throw new InvalidOperationException("a spec without planes cannot be normalised; validate it first");
        }

        var smallest = planes.Min(p => p.Cidr.Size);
        var nodes = document.Spec.Nodes.Inventory
            .Select(node =>
            {
                var offset = PlaneAddressing.OffsetOf(node, smallest);
                var addresses = planes.ToDictionary(p => p.Name, p => p.Cidr.At(offset), StringComparer.Ordinal);
                return new NormalisedNode(node.Name, node.Role, node.FailureDomain, offset, addresses, node);
            })
            .ToArray();
        return new NormalisedCluster(document.Metadata.Name, document, planes, nodes);
    }

    private static NormalisedPlane NormalisePlane(string name, PlaneSpec plane, int ordinal)
    {
        if (!Ipv4Cidr.TryParse(plane.Cidr, out var cidr, out var error))
        {
            throw new InvalidOperationException($"plane {name}: {error}; validate the spec first");
        }

        var number = name.StartsWith("wg", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : ordinal + 1;
        var port = plane.ListenPort ?? BaseListenPort + number;
        return new NormalisedPlane(name, cidr, plane.Purpose, port, cidr.At(PlaneAddressing.OperatorOffset(cidr.Size)));
    }
}
