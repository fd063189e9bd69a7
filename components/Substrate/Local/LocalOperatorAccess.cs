using Kubedos.Engine.Model;
using Kubedos.Providers.Command;
using Kubedos.Providers.Local;

namespace Kubedos.Components.Substrate.Local;

/// <summary>
/// The local lab's operator access: the host itself joins a plane (<c>local:lab:OperatorWireGuard</c> in the root
/// namespace), and the operator's commands run on this host (<c>command:local:Command</c>).
/// </summary>
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

    public OperatorCommand Run(string name, OperatorScript script, ResourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(script);
        var command = new LocalCommand(name, new LocalCommandArgs
        {
            Create = script.Script,
            Environment = script.Environment.Count == 0 ? null : script.Environment,
            Triggers = script.Triggers,
            Verify = script.Verify,
        }, options);
        return new OperatorCommand(command, command.Stdout);
    }
}
