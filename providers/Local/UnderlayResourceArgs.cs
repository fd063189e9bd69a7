using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary>Inputs of <c>local:lab:Underlay</c> (see <see cref="UnderlayResource"/>).</summary>
public sealed class UnderlayResourceArgs : ResourceArgs
{
    /// <summary>The underlay's IPv4 CIDR; null takes 10.250.X.0/24 from the stack's hash.</summary>
    public Input<string>? Cidr { get; init; }

    /// <summary>The planes' CIDRs, which get an on-host unreachable fallback route too.</summary>
    public IReadOnlyList<Input<string>>? FallbackCidrs { get; init; }

    /// <summary>The lab's stack; null takes the URN's stack.</summary>
    public Input<string>? Stack { get; init; }

    /// <summary>
    /// The id of the state making the lab (a <c>random:index:RandomId</c> kept in the stack's state); required. It is
    /// recorded in the lab's owner file first, and a lab of another owner is refused instead of adopted.
    /// </summary>
    public Input<string>? LabOwner { get; init; }

    /// <summary>The project directory of that state, named when another state meets the lab; required.</summary>
    public Input<string>? LabOwnerProject { get; init; }
}
