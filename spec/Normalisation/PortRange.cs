using System.Globalization;

namespace Kubedos.Spec.Normalisation;

/// <summary>A port or port range with its protocol, as allow rules write it: <c>6443/tcp</c>, <c>2379-2380/tcp</c>.</summary>
internal sealed record PortRange(int First, int Last, string Protocol)
{
    /// <summary>Parses <paramref name="text"/>; on failure returns null and says what is wrong in <paramref name="error"/>.</summary>
    public static PortRange? TryParse(string text, out string error)
    {
        var slash = text.Split('/');
        if (slash.Length != 2 || slash[1] is not ("tcp" or "udp"))
        {
            error = $"port '{text}' must read PORT/tcp, PORT/udp or FIRST-LAST/PROTO";
            return null;
        }

        var bounds = slash[0].Split('-');
        if (bounds.Length > 2 || !bounds.All(b => int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 65535))
        {
            error = $"port '{text}' must use ports 1-65535";
            return null;
        }

        var first = int.Parse(bounds[0], CultureInfo.InvariantCulture);
        var last = int.Parse(bounds[^1], CultureInfo.InvariantCulture);
        if (first > last)
        {
            error = $"port range '{text}' runs backwards";
            return null;
        }

        error = string.Empty;
        return new PortRange(first, last, slash[1]);
    }

    /// <summary>Parses a port validation already accepted.</summary>
    /// <exception cref="FormatException">The text is not a port or range with its protocol.</exception>
    public static PortRange Parse(string text) => TryParse(text, out var error) ?? throw new FormatException(error);

    public bool Contains(int port) => port >= First && port <= Last;

    public override string ToString() => First == Last ? $"{First}/{Protocol}" : $"{First}-{Last}/{Protocol}";
}
