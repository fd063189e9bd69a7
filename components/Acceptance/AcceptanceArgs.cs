using Kubedos.Components.Enrollment;
using Kubedos.Components.Firstboot;
using Kubedos.Engine.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Acceptance;

/// <summary>What <see cref="AcceptanceGates"/> is built from.</summary>
internal sealed record AcceptanceArgs
{
    /// <summary>The normalised spec: the gates to run, nodes, planes, plane policy, SSH policy and operator user.</summary>
    public required NormalisedCluster Cluster { get; init; }

    /// <summary>The stack's name, recorded in the report.</summary>
    public required string Stack { get; init; }

    /// <summary>Every node after first boot (their bootstrap channels run the node probes; their host keys are pinned).</summary>
    public required IReadOnlyList<BootedNode> Nodes { get; init; }

    /// <summary>The stack's SSH private key (a secret), for the operator's key login.</summary>
    public required Output<string> SshPrivateKey { get; init; }

    /// <summary>
    /// Every plane public key by <c>node/plane</c> (<see cref="Planes.PlaneSet.PublicKeys"/>): part of what evidence about a node
    /// rests on, so a probe runs again whenever a key of a node it touches changes.
    /// </summary>
    public required Output<Dictionary<string, string>> PlaneKeys { get; init; }

    /// <summary><c>out/&lt;stack&gt;</c>; the report goes to its <c>recovery-bundle/</c>.</summary>
    public required string OutDirectory { get; init; }

    /// <summary>A value whose change runs the gates again (config <c>kubedos:acceptanceRun</c>).</summary>
    public required string Run { get; init; }

    /// <summary>The enrollment service, for security-baseline's refused enroll attempts; null runs without them.</summary>
    public Output<EnrollmentEndpoint>? Enrollment { get; init; }
}
