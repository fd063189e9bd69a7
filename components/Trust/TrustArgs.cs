using Kubedos.Engine.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Trust;

/// <summary>What <see cref="ClusterTrust"/> is built from.</summary>
internal sealed record TrustArgs
{
    /// <summary>The normalised spec: bootstrap model, caFingerprint, rotation, nodes with roles and plane addresses.</summary>
    public required NormalisedCluster Cluster { get; init; }

    /// <summary>The operator's root, intermediate and intermediate key; <see cref="TrustMaterial.FromConfig"/> reads them from stack config.</summary>
    public required TrustMaterial Material { get; init; }

    /// <summary><c>out/&lt;stack&gt;</c>; the public certificates go to its <c>pki/</c>.</summary>
    public required string OutDirectory { get; init; }

    /// <summary>
    /// Each node's machine incarnation (<c>SubstrateNode.Instance</c>): a machine made anew gets fresh one-time tokens, since the
    /// old ones were spent by the machine that failed. Null keys tokens on the identity alone.
    /// </summary>
    public IReadOnlyDictionary<string, Output<string>>? Machines { get; init; }
}
