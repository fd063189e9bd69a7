using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary>Inputs of <c>local:lab:Endpoint</c> (see <see cref="LabEndpointResource"/>).</summary>
public sealed class LabEndpointResourceArgs : ResourceArgs
{
    /// <summary>The endpoint's name (the endpoint stack's); its host names derive from it.</summary>
    public Input<string> Name { get; init; } = null!;

    /// <summary>The IPv4 address operators dial, put on the host's loopback as a /32.</summary>
    public Input<string> Address { get; init; } = null!;

    /// <summary>The TCP ports forwarded (the API server's 6443, SSH's 22).</summary>
    public IReadOnlyList<Input<int>> Ports { get; init; } = [];

    /// <summary>Where the ports go: the active colour's control plane on its wg1.</summary>
    public Input<string> Target { get; init; } = null!;

    /// <summary>The stack the target belongs to (the active colour), recorded for people.</summary>
    public Input<string> Serves { get; init; } = null!;

    /// <summary>The id of the state that makes the endpoint (a <c>random:index:RandomId</c> kept in its state).</summary>
    public Input<string> LabOwner { get; init; } = null!;
}
