using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Kubernetes;

/// <summary>What the Kubernetes reference stage needs.</summary>
internal sealed record KubernetesReferenceArgs
{
    /// <summary>The normalised spec; the stage exists only when its <c>kubernetes.enabled</c> is true.</summary>
    public required NormalisedCluster Cluster { get; init; }

    /// <summary>The stack's files (<c>out/&lt;stack&gt;</c>); the stage renders into its <c>kubernetes/</c>.</summary>
    public required string OutDirectory { get; init; }
}
