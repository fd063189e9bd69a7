using System.Net;

namespace Kubedos.Providers.Local;

/// <summary>A stack's underlay as it exists on the host.</summary>
/// <param name="Stack">The stack.</param>
/// <param name="SwitchNamespace">The namespace holding the bridge.</param>
/// <param name="Cidr">The underlay CIDR.</param>
/// <param name="OperatorInterface">The host's link onto the underlay, in the root namespace.</param>
/// <param name="OperatorAddress">The host's address on the underlay (the last usable one).</param>
/// <param name="FallbackCidrs">Every CIDR with an on-host unreachable fallback route.</param>
/// <param name="FallbackMetric">The metric of those routes.</param>
public sealed record Underlay(
    string Stack,
    string SwitchNamespace,
    IPNetwork Cidr,
    string OperatorInterface,
    IPAddress OperatorAddress,
    IReadOnlyList<IPNetwork> FallbackCidrs,
    int FallbackMetric);
