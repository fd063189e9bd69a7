using Kubedos.Components.Access;
using Kubedos.Engine.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Kubernetes;

/// <summary>What <see cref="EtcdCluster"/> is built from.</summary>
internal sealed record EtcdClusterArgs
{
    /// <summary>The normalised spec.</summary>
    public required NormalisedCluster Cluster { get; init; }

    /// <summary>The etcd PKI (membership and certificates).</summary>
    public required EtcdPki Pki { get; init; }

    /// <summary>SSH over wg1 with pinned host keys (the snapshot's way in).</summary>
    public required NodeAccess Access { get; init; }

    /// <summary><c>out/&lt;stack&gt;</c>.</summary>
    public required string OutDirectory { get; init; }

    /// <summary>The stack's name (in snapshot file names).</summary>
    public required string Stack { get; init; }

    /// <summary>What makes the snapshot run again (the acceptance run, the converge that ran).</summary>
    public required IReadOnlyList<Input<string>> SnapshotTriggers { get; init; }
}
