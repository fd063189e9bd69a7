using Kubedos.Engine.Model;

namespace Kubedos.Components.Substrate;

/// <summary>One node as a peer of the operator on a plane.</summary>
/// <param name="PublicKey">The node's public key on the plane.</param>
/// <param name="Endpoint">Where the node listens (underlay address and the plane's port).</param>
/// <param name="AllowedIps">The node's plane address(es) as /32s.</param>
internal sealed record OperatorPeerNode(Input<string> PublicKey, Input<string> Endpoint, IReadOnlyList<Input<string>> AllowedIps);
