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
}
