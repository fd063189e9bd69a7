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
    /// Runs <paramref name="script"/> (<c>sh</c>) once where the operator's peer is, again when a trigger changes; it must
    /// exit 0. What it prints is secret when an input is.
    /// </summary>
    /// <param name="name">The resource's name.</param>
    /// <param name="script">The shell script.</param>
    /// <param name="environment">Variables the script reads (secrets travel here, never in the script).</param>
    /// <param name="triggers">Values whose change runs it again.</param>
    /// <param name="options">The calling stage's options.</param>
    OperatorCommand Run(string name, Input<string> script, IReadOnlyDictionary<string, Input<string>> environment, IReadOnlyList<Input<string>> triggers, ResourceOptions options);
}
