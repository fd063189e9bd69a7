using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Operations.Drills;

/// <summary>One drill as the spec declares it (<c>spec.acceptance.drills</c>): the node it fails and the targets its recovery is held to.</summary>
/// <param name="Name"><c>delete-worker</c> or <c>delete-control-plane</c>.</param>
/// <param name="Node">The node the drill fails.</param>
/// <param name="Role">That node's role.</param>
/// <param name="ExpectRecovery">The drill's <c>expectRecoveryMinutes</c>.</param>
/// <param name="MttrTarget">The spec's <c>acceptance.mttrTargetMinutes</c>.</param>
internal sealed record DrillPlan(string Name, string Node, NodeRole Role, TimeSpan ExpectRecovery, TimeSpan MttrTarget)
{
    public const string DeleteWorker = "delete-worker";

    public const string DeleteControlPlane = "delete-control-plane";

    /// <summary>The tighter of the two targets: a recovery over either fails the drill.</summary>
    public TimeSpan Target => ExpectRecovery < MttrTarget ? ExpectRecovery : MttrTarget;

    /// <summary>The drill <paramref name="name"/> of <paramref name="cluster"/>'s spec, failing <paramref name="node"/> or, when null, the last node of the drill's role.</summary>
    /// <remarks>
    /// The last control plane by default: the first one serves enrollment, so failing it is a harder drill an operator asks for
    /// by name (<c>--node</c>).
    /// </remarks>
    /// <exception cref="OperationRefusedException">The spec does not declare the drill, or the node is unknown or of another role.</exception>
    public static DrillPlan From(NormalisedCluster cluster, string name, string? node)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(name);
        var declared = cluster.Drills.FirstOrDefault(d => d.Name == name)
            ?? throw new OperationRefusedException(
                $"drill '{name}' is not declared in spec.acceptance.drills of cluster {cluster.Name} (declared: {Names(cluster.Drills)})", askedWrong: true);
        var role = name switch
        {
            DeleteWorker => NodeRole.Worker,
            DeleteControlPlane => NodeRole.ControlPlane,
            _ => throw new OperationRefusedException($"drill '{name}' has no program in this build (known: {DeleteWorker}, {DeleteControlPlane})", askedWrong: true),
        };

        var candidates = cluster.Nodes.Where(n => n.Role == role).ToList();
        NormalisedNode victim;
        if (node is null)
        {
            victim = candidates.LastOrDefault() ?? throw new OperationRefusedException($"drill '{name}' needs a {RoleName(role)} node; cluster {cluster.Name} has none", askedWrong: true);
        }
        else
        {
            victim = cluster.Nodes.FirstOrDefault(n => n.Name == node)
                ?? throw new OperationRefusedException($"node '{node}' is not in cluster {cluster.Name} (nodes: {string.Join(", ", cluster.Nodes.Select(n => n.Name))})", askedWrong: true);
            if (victim.Role != role)
            {
                throw new OperationRefusedException($"drill '{name}' fails a {RoleName(role)} node; '{node}' is a {RoleName(victim.Role)} (candidates: {string.Join(", ", candidates.Select(n => n.Name))})", askedWrong: true);
            }
        }

        return new DrillPlan(name, victim.Name, role, TimeSpan.FromMinutes(declared.ExpectRecoveryMinutes), TimeSpan.FromMinutes(cluster.MttrTargetMinutes));
    }

    private static string Names(IReadOnlyList<DrillSpec> drills) => drills.Count == 0 ? "none" : string.Join(", ", drills.Select(d => d.Name));

    private static string RoleName(NodeRole role) => role == NodeRole.ControlPlane ? "control-plane" : "worker";
}
