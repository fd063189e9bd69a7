using Kubedos.Spec.Model;

namespace Kubedos.Spec.Normalisation;

/// <summary>
/// The validated spec with everything derived made explicit: plane networks parsed, every node's plane addresses,
/// plane listen ports, the operator user, the plane policy with its planes and ports parsed, the gates to run, the node
/// that hosts the cluster's services. Stages read this, never the raw document
/// (<c>tests/Kubedos.Infra.Tests/Architecture/StageContractTests.cs</c> holds components/ to it).
/// </summary>
/// <remarks>
/// A stage that needs something the spec says and this record does not carry adds it here (derived once, in
/// <see cref="SpecNormaliser"/>), so every stage reads the same value and the default lives in one place.
/// </remarks>
/// <param name="Name">The cluster's name (<c>metadata.name</c>).</param>
/// <param name="Planes">Every plane, in name order.</param>
/// <param name="Nodes">Every node, in the spec's order.</param>
internal sealed record NormalisedCluster(
    string Name,
    IReadOnlyList<NormalisedPlane> Planes,
    IReadOnlyList<NormalisedNode> Nodes)
{
    /// <summary>Where the nodes come from.</summary>
    public required NormalisedSubstrate Substrate { get; init; }

    /// <summary>Trust bootstrap, enrollment, SSH (with the operator user) and rotation.</summary>
    public required NormalisedSecurity Security { get; init; }

    /// <summary>What may flow between planes, with planes and ports parsed.</summary>
    public required NormalisedPlanePolicy PlanePolicy { get; init; }

    /// <summary>The acceptance gates to run: the spec's <c>acceptance.required</c>, or every gate this build runs when it names none.</summary>
    public required IReadOnlyList<string> AcceptanceGates { get; init; }

    /// <summary>
    /// The control-plane node that hosts the cluster's services (the enrollment service; where a cluster is first
    /// initialised): the first control-plane node in the spec's order.
    /// </summary>
    public required NormalisedNode PrimaryControlPlane { get; init; }

    /// <summary>The Kubernetes section, as validated (derived values join this record as the Kubernetes stage needs them).</summary>
    public required KubernetesSpec Kubernetes { get; init; }

    /// <summary>The Salt and Ansible section, as validated.</summary>
    public required OrchestrationSpec Orchestration { get; init; }

    /// <summary>The ZFS and Ceph section, as validated.</summary>
    public required StorageSpec Storage { get; init; }

    /// <summary>The replace-don't-repair drills the spec declares (<c>acceptance.drills</c>), as validated.</summary>
    public IReadOnlyList<DrillSpec> Drills { get; init; } = [];

    /// <summary>The recovery target every drill is also held to (<c>acceptance.mttrTargetMinutes</c>).</summary>
    public int MttrTargetMinutes { get; init; } = new AcceptanceSpec().MttrTargetMinutes;

    public NormalisedNode Node(string name) => Nodes.Single(n => n.Name == name);

    public NormalisedPlane Plane(string name) => Planes.Single(p => p.Name == name);

    /// <summary>
    /// The plane SSH, the enrollment service and the engine use to reach nodes: <c>wg1</c>, else the first plane whose
    /// purpose is control, else the first plane. Every stage asks here, so they cannot disagree.
    /// </summary>
    public NormalisedPlane ControlPlane =>
        Planes.FirstOrDefault(p => p.Name == "wg1") ?? Planes.FirstOrDefault(p => p.Purpose == PlanePurpose.Control) ?? Planes[0];
}
