using Kubedos.Components.Trust;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Enrollment;

/// <summary>What <see cref="ClusterEnrollment"/> is built from.</summary>
internal sealed record EnrollmentArgs
{
    /// <summary>The normalised spec: nodes, roles, plane addresses, the primary control plane, joinWindowMinutes, nodeCertDays.</summary>
    public required NormalisedCluster Cluster { get; init; }

    /// <summary>The cluster PKI: CA certificates and key, node identities and tokens.</summary>
    public required ClusterTrust Trust { get; init; }

    /// <summary><c>out/&lt;stack&gt;</c>; <c>inventory.json</c> goes there, and the revocation list is read from there.</summary>
    public required string OutDirectory { get; init; }

    /// <summary>The nodes to place the service and the agents on; null leaves placing to the caller.</summary>
    public EnrollmentSite? Site { get; init; }
}
