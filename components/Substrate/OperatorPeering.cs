using Kubedos.Engine.Model;

namespace Kubedos.Components.Substrate;

/// <summary>The operator's end of a plane: its address and key, and every node as its peer.</summary>
/// <param name="Address">The operator's plane address with its prefix, e.g. 10.101.0.254/24.</param>
/// <param name="PrivateKey">The operator's WireGuard private key (a secret output).</param>
/// <param name="Peers">Every node of the plane.</param>
internal sealed record OperatorPeering(Input<string> Address, Input<string> PrivateKey, IReadOnlyList<OperatorPeerNode> Peers);
