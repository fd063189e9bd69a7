using System.Globalization;

namespace Kubedos.Components.Planes;

/// <summary>One port or range of a policy allow rule (<c>6443/tcp</c>, <c>2379-2380/tcp</c>).</summary>
internal sealed record PortRange(int First, int Last, string Protocol)
{
    /// <summary>Parses a port spec validation already accepted.</summary>
    public static PortRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.Split('/');
        if (slash.Length != 2 || slash[1] is not ("tcp" or "udp"))
        {
            throw new FormatException($"'{text}' is not PORT/PROTO or FIRST-LAST/PROTO");
        }

        var bounds = slash[0].Split('-');
        var first = int.Parse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture);
        var last = bounds.Length == 2 ? int.Parse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture) : first;
        return new PortRange(first, last, slash[1]);
    }

    public bool Contains(int port) => port >= First && port <= Last;

    /// <summary>The spec's form: <c>6443/tcp</c> or <c>2379-2380/tcp</c>.</summary>
    public override string ToString() => First == Last ? $"{First}/{Protocol}" : $"{First}-{Last}/{Protocol}";

    /// <summary>The nftables form: <c>6443</c> or <c>2379-2380</c>.</summary>
    public string ToNft() => First == Last ? First.ToString(CultureInfo.InvariantCulture) : $"{First}-{Last}";
}
