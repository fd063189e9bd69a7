using Kubedos.Components.Access;
using Kubedos.Components.Substrate;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Converge;

/// <summary>What stage 5 takes: the cluster, SSH to its nodes, the playbook's files and other stages' variables.</summary>
/// <param name="Cluster">The normalised spec (inventory: roles, planes, failure domains).</param>
/// <param name="Stack">The stack's name (<c>kubedos_stack</c>).</param>
/// <param name="Access">SSH over wg1, host keys pinned from first boot.</param>
/// <param name="Content">The files of <c>ansible/</c> (<see cref="AnsibleContent"/>).</param>
/// <param name="HostVariables">Extra variables per node from other stages: node -> name -> value (secret or not).</param>
internal sealed record ConvergeArgs(
    NormalisedCluster Cluster,
    string Stack,
    NodeAccess Access,
    NodeSoftware Content,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, ConvergeVariable>> HostVariables)
{
    /// <summary>No extra variables.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, ConvergeVariable>> NoVariables { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, ConvergeVariable>>(StringComparer.Ordinal);
}
