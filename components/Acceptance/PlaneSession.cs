namespace Kubedos.Components.Acceptance;

/// <summary>
/// A WireGuard session a node needs before its probes run: with <paramref name="Peer"/> on plane
/// <paramref name="Interface"/>. Exactly one side of a pair <paramref name="Initiates"/> it; the other waits
/// for the handshake. Two peers that start handshakes at the same instant each drop the other's
/// response and then send nothing until WireGuard's 5 s retry, which a probe would read as a broken plane.
/// </summary>
/// <param name="Interface">The plane's interface, e.g. wg1.</param>
/// <param name="Local">This node's address on the plane.</param>
/// <param name="Peer">The peer's address on the plane.</param>
/// <param name="Initiates">True on the node listed first in the spec: it pings; the other waits.</param>
internal sealed record PlaneSession(string Interface, string Local, string Peer, bool Initiates);
