using Kubedos.Engine.Model;

namespace Kubedos.Components.Substrate;

/// <summary>
/// The operator's way onto the nodes, as the substrate provides it: the operator's own WireGuard peer on a plane, and
/// commands run where that peer is (on the local lab, this host; elsewhere, the operator's workstation or a bastion).
/// </summary>
internal interface IOperatorAccess
{
    /// <summary>Adds the operator's peer on a plane as a resource named <paramref name="name"/>, with the calling stage's options.</summary>
    Resource AddPeer(string name, OperatorPeering peering, ResourceOptions options);

    /// <summary>
    /// Runs <paramref name="script"/> once where the operator's peer is, again when a trigger changes; it must exit 0. What
    /// it prints is secret when an input is.
    /// </summary>
    OperatorCommand Run(string name, OperatorScript script, ResourceOptions options);
}
