using Kubedos.Components.Trust;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Observability;

/// <summary>What <see cref="ClusterObservability"/> is built from.</summary>
internal sealed record ObservabilityArgs
{
    /// <summary>The normalised spec: <c>kubernetes.observability</c> (enabled), nodes with their bind-plane addresses, rotation.</summary>
    public required NormalisedCluster Cluster { get; init; }

    /// <summary>The cluster PKI: its intermediate signs the log plane's certificates.</summary>
    public required ClusterTrust Trust { get; init; }

    /// <summary><c>out/&lt;stack&gt;</c>; the public configurations go to its <c>observability/</c>.</summary>
    public required string OutDirectory { get; init; }
}
