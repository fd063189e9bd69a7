using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Kubedos.Providers.Local;

/// <summary>
/// Every host-visible name of a lab, derived from its stack and node names so that two stacks coexist.
/// </summary>
/// <remarks>
/// Namespace names may be long and carry the readable names, joined by dots (which stack and node
/// names cannot contain, so no two pairs map to one name). Interface names are limited to 15
/// characters by Linux, so they carry a hash instead: "kd" + a kind letter + 10 hex digits.
/// </remarks>
public sealed partial record LabNames
{
    /// <summary>The interface name of a node's underlay link inside its own namespace.</summary>
    public const string NodeInterface = "eth0";

    /// <summary>The bridge inside the switch namespace.</summary>
    public const string Bridge = "br0";

    private LabNames(string stack)
    {
        Stack = stack;
        StackHash = Hash(stack);
    }

    /// <summary>The stack these names belong to.</summary>
    public string Stack { get; }

    /// <summary>Ten hex digits of SHA-256 over the stack name.</summary>
    public string StackHash { get; }

    /// <summary>The switch namespace holding the underlay bridge, e.g. <c>kd.lab-01._switch</c>.</summary>
    public string SwitchNamespace => $"kd.{Stack}._switch";

    /// <summary>The operator link's end in the host's root namespace.</summary>
    public string OperatorInterface => $"kdo{StackHash}";

    /// <summary>The operator link's end in the switch namespace (a bridge port).</summary>
    public string OperatorPort => $"kdp{StackHash}";

    /// <summary>The namespace that is the node, e.g. <c>kd.lab-01.cp-1</c>.</summary>
    public string NodeNamespace(string node) => $"kd.{Stack}.{CheckName(node, "node")}";

    /// <summary>The node's underlay link end in the switch namespace (a bridge port).</summary>
    public string NodePort(string node) => $"kds{Hash(Stack + "/" + CheckName(node, "node"))}";

    /// <summary>
    /// The MAC address of <paramref name="node"/>'s underlay interface: locally administered, unicast, from SHA-256 over
    /// the stack and node. The same node name gets the same address when it is made again (a rebuild after a failure), so
    /// the neighbour entries the operator and the other nodes hold for its underlay address stay right; a fresh random
    /// address would leave them pointing at a port that is gone until they expire, and WireGuard's handshakes with the
    /// new machine would time out meanwhile.
    /// </summary>
    public string NodeMac(string node)
    {
        var bytes = HashBytes("mac/" + Stack + "/" + CheckName(node, "node"));
        bytes[0] = (byte)((bytes[0] & 0xFC) | 0x02);
        return string.Join(':', bytes.Take(6).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The default underlay: 10.250.X.0/24 with X from the stack's hash.</summary>
    /// <remarks>10.250.0.0/16 is ours by convention; creation still refuses a host route that overlaps.</remarks>
    public System.Net.IPNetwork DefaultUnderlay =>
        System.Net.IPNetwork.Parse($"10.250.{HashBytes(Stack)[0]}.0/24");

    /// <summary>
    /// The metric of this stack's unreachable fallback routes: distinct per stack, so each stack's routes
    /// are told apart (and another stack's lab CIDRs recognised), and far above any real route.
    /// </summary>
    public int FallbackMetric => FirstFallbackMetric + (int)(BinaryPrimitives.ReadUInt32BigEndian(HashBytes(Stack)) % 1_000_000);

    /// <summary>True for a host link a lab stack owns (its operator link <c>kdo…</c> or operator WireGuard <c>kdw…</c>).</summary>
    public static bool IsLabLink(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length > 3 && (name.StartsWith("kdo", StringComparison.Ordinal) || name.StartsWith("kdw", StringComparison.Ordinal))
            && name[3..].All(char.IsAsciiHexDigitLower);
    }

    /// <summary>The lowest metric a stack's fallback routes can have.</summary>
    public const int FirstFallbackMetric = 4_000_000;

    /// <summary>The highest metric a stack's fallback routes can have.</summary>
    public const int LastFallbackMetric = FirstFallbackMetric + 999_999;

    /// <summary>The names of one stack's lab.</summary>
    /// <exception cref="ArgumentException">The stack name is not a DNS label.</exception>
    public static LabNames For(string stack) => new(CheckName(stack, "stack"));

    /// <summary>True when <paramref name="name"/> is a lowercase DNS label, as stack and node names must be.</summary>
    public static bool IsName(string name) => Label().IsMatch(name);

    /// <summary>Throws unless <paramref name="name"/> is a lowercase DNS label (a-z, 0-9, '-', at most 63).</summary>
    public static string CheckName(string name, string what)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Label().IsMatch(name)
            ? name
            : throw new ArgumentException(
                $"{what} name '{name}' must be a lowercase DNS label (a-z, 0-9 and '-', 1 to 63 characters)", what);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(HashBytes(text))[..10];

    private static byte[] HashBytes(string text) => SHA256.HashData(Encoding.UTF8.GetBytes("kubedos-lab/" + text));

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
