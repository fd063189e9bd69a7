using Kubedos.Engine.Model;

namespace Kubedos.Components.Substrate;

/// <summary>The operator's way onto the nodes: the host's own WireGuard peer on a plane, as the substrate provides it.</summary>
internal interface IOperatorAccess
{
    /// <summary>Adds the operator's peer on a plane as a resource named <paramref name="name"/>, with the calling stage's options.</summary>
    Resource AddPeer(string name, OperatorPeering peering, ResourceOptions options);
}
