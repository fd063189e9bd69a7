using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary>Inputs of <c>local:lab:OperatorWireGuard</c> (see <see cref="OperatorWireGuardResource"/>).</summary>
public sealed class OperatorWireGuardResourceArgs : ResourceArgs
{
    /// <summary>The operator's plane address with its prefix, e.g. 10.101.0.254/24.</summary>
    public Input<string> Address { get; init; } = null!;

    /// <summary>The operator's wg private key; pass a secret output.</summary>
    public Input<string> PrivateKey { get; init; } = null!;

    /// <summary>Every node of the plane: <c>publicKey</c>, <c>endpoint</c> (underlay:port), <c>allowedIps</c>.</summary>
    public IReadOnlyList<OperatorPeerArgs> Peers { get; init; } = [];

    /// <summary>The lab's stack; null takes the URN's stack.</summary>
    public Input<string>? Stack { get; init; }

    /// <summary>The id of the state that owns the lab (the underlay's <c>labOwner</c>); required: another state's lab is refused.</summary>
    public Input<string>? LabOwner { get; init; }
}
