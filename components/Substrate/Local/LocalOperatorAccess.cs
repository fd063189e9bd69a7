using Kubedos.Engine.Model;
using Kubedos.Providers.Local;

namespace Kubedos.Components.Substrate.Local;

/// <summary>The local lab's operator access: the host itself joins a plane (<c>local:lab:OperatorWireGuard</c> in the root namespace).</summary>
/// <param name="labOwner">The id of the state that owns the lab (the underlay's <c>labOwner</c>).</param>
internal sealed class LocalOperatorAccess(Output<string> labOwner) : IOperatorAccess
{
    public Resource AddPeer(string name, OperatorPeering peering, ResourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(peering);
        return new OperatorWireGuardResource(name, new OperatorWireGuardResourceArgs
        {
            Address = peering.Address,
            PrivateKey = peering.PrivateKey,
            Peers = [.. peering.Peers.Select(p => new OperatorPeerArgs { PublicKey = p.PublicKey, Endpoint = p.Endpoint, AllowedIps = p.AllowedIps })],
            LabOwner = labOwner,
        }, options);
    }
}
