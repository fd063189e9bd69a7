using System.ComponentModel;

namespace Kubedos.Spec.Model;

/// <summary>The local lab substrate: each node is a network namespace on this machine.</summary>
internal sealed record LocalSubstrate
{
    [Description("Underlay network joining the nodes' namespaces. Defaults to 10.250.0.0/24; never routed off the machine.")]
    public string UnderlayCidr { get; init; } = "10.250.0.0/24";
}
