using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary>One node as a peer of the operator's interface.</summary>
public sealed class OperatorPeerArgs : ResourceArgs
{
    public Input<string> PublicKey { get; init; } = null!;

    /// <summary>The node's underlay address and the plane's port.</summary>
    public Input<string> Endpoint { get; init; } = null!;

    /// <summary>The node's plane address(es) as /32s.</summary>
    public IReadOnlyList<Input<string>> AllowedIps { get; init; } = [];
}
