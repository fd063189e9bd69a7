using System.Collections.Immutable;
using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary><c>local:lab:Underlay</c>: a stack's switch, operator link and on-host fallback routes.</summary>
public sealed class UnderlayResource : CustomResource
{
    public UnderlayResource(string name, UnderlayResourceArgs args, ResourceOptions? options = null)
        : base("local:lab:Underlay", name, args, options)
    {
    }

    /// <summary>The lab's stack.</summary>
    [Output("stack")]
    public Output<string> Stack { get; private set; } = null!;

    /// <summary>The switch's network namespace.</summary>
    [Output("switchNamespace")]
    public Output<string> SwitchNamespace { get; private set; } = null!;

    /// <summary>The underlay's CIDR.</summary>
    [Output("cidr")]
    public Output<string> Cidr { get; private set; } = null!;

    /// <summary>The host's end of the operator link.</summary>
    [Output("operatorInterface")]
    public Output<string> OperatorInterface { get; private set; } = null!;

    /// <summary>The host's underlay address (the last usable one).</summary>
    [Output("operatorAddress")]
    public Output<string> OperatorAddress { get; private set; } = null!;

    /// <summary>Every CIDR with an on-host unreachable fallback.</summary>
    [Output("fallbackCidrs")]
    public Output<ImmutableArray<string>> FallbackCidrs { get; private set; } = null!;

    /// <summary>The metric of the stack's fallback routes.</summary>
    [Output("fallbackMetric")]
    public Output<int> FallbackMetric { get; private set; } = null!;

    /// <summary>The id of the state that owns the lab.</summary>
    [Output("labOwner")]
    public Output<string> LabOwner { get; private set; } = null!;
}
