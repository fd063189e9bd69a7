using System.Net;

namespace Kubedos.Enrollment.Service;

/// <summary>The nodes the spec declares and the addresses each may enroll from.</summary>
public sealed class NodeInventory
{
    private readonly Dictionary<string, IReadOnlyList<IPAddress>> _nodes;

    public NodeInventory(IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        _nodes = nodes.ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal);
    }

    /// <summary>True when the node is declared.</summary>
    public bool Declares(string node) => _nodes.ContainsKey(node);

    /// <summary>The node's declared addresses (empty when undeclared).</summary>
    public IReadOnlyList<IPAddress> AddressesOf(string node) => _nodes.GetValueOrDefault(node) ?? [];

    /// <summary>True when <paramref name="address"/> is one of the node's declared addresses.</summary>
    public bool Declares(string node, IPAddress address) => AddressesOf(node).Contains(address);
}
