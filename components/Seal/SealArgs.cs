using Kubedos.Components.Substrate;
using Kubedos.Engine.Model;

namespace Kubedos.Components.Seal;

/// <summary>What <see cref="BundleSeal"/> is built from.</summary>
internal sealed record SealArgs
{
    /// <summary>The stack, recorded in the manifest and provenance.</summary>
    public required string Stack { get; init; }

    /// <summary>The cluster's name (<c>metadata.name</c>).</summary>
    public required string Cluster { get; init; }

    /// <summary>The ClusterSpec file the stack was built from (copied into the bundle).</summary>
    public required string SpecFile { get; init; }

    /// <summary>The stack's lockfile, or null (none exists before the node image locks versions, issue #12).</summary>
    public string? LockFile { get; init; }

    /// <summary><c>out/&lt;stack&gt;</c>: inventory.json, pki/, enrollment/, drills/ are read from it, the bundle written to its <c>recovery-bundle/</c>.</summary>
    public required string OutDirectory { get; init; }

    /// <summary>The project directory (its git revision goes into the provenance).</summary>
    public required string ProjectDirectory { get; init; }

    /// <summary>The signing key (a secret in the stack's config) and its pinned public key.</summary>
    public required SealMaterial Material { get; init; }

    /// <summary>The acceptance report JSON; it resolves only once every gate passed, so a failed build is never sealed.</summary>
    public required Output<string> AcceptanceReport { get; init; }

    /// <summary>The enrollment service node's bootstrap channel (its audit log is fetched through it), or null.</summary>
    public INodeBootstrapChannel? ServiceChannel { get; init; }

    /// <summary>Where the node SBOM's packages come from.</summary>
    public required NodeSoftwareSource NodeSoftware { get; init; }

    /// <summary>The node agent's files: the artifact the nodes receive.</summary>
    public required NodeSoftware Agent { get; init; }

    /// <summary>The clock that dates the bundle's documents when SOURCE_DATE_EPOCH is not set.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
