using Kubedos.Components.Access;
using Kubedos.Components.Substrate;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Converge;

/// <summary>What <see cref="ClusterConverge"/> (stage 5) is built from.</summary>
internal sealed record ConvergeArgs
{
    /// <summary>The normalised spec: roles, planes, failure domains (the inventory), Kubernetes and observability (groups).</summary>
    public required NormalisedCluster Cluster { get; init; }

    /// <summary>The stack's name (<c>kubedos_stack</c>).</summary>
    public required string Stack { get; init; }

    /// <summary>SSH over wg1 as the operator user, host keys pinned from first boot.</summary>
    public required NodeAccess Access { get; init; }

    /// <summary>The files of <c>ansible/</c> (<see cref="AnsibleContent"/>).</summary>
    public required NodeSoftware Content { get; init; }

    /// <summary>Extra variables per node from other stages: node -> name -> value (secret or not); their values are inputs of the stage.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, ConvergeVariable>> HostVariables { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, ConvergeVariable>>(StringComparer.Ordinal);

    /// <summary>Each node's disks (the substrate's): data and Ceph OSD disks are prepared by <see cref="DiskOperation"/>s.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SubstrateDisk>> Disks { get; init; } = new Dictionary<string, IReadOnlyList<SubstrateDisk>>(StringComparer.Ordinal);
}
