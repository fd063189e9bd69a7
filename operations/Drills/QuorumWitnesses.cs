using Kubedos.Components.Kubernetes;
using Kubedos.Operations.Drills.Local;
using Kubedos.Spec.Model;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Operations.Drills;

/// <summary>The etcd witness a drill of a control plane runs with: one where the cluster runs etcd (Kubernetes enabled) on a substrate this build can reach it on.</summary>
internal static class QuorumWitnesses
{
    /// <summary>The witness for <paramref name="plan"/>, or null when the drilled node holds no etcd member (a worker, or Kubernetes off).</summary>
    /// <exception cref="OperationRefusedException">The cluster runs etcd on a substrate with no witness in this build.</exception>
    public static IQuorumWitness? For(NormalisedCluster cluster, string stack, DrillPlan plan)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(plan);
        if (!cluster.Kubernetes.Enabled || plan.Role != NodeRole.ControlPlane)
        {
            return null;
        }

        return cluster.Substrate.Type switch
        {
            SubstrateType.Local => new LocalEtcdWitness(stack, EtcdMembership.Of(cluster), plan.Node),
            _ => throw new OperationRefusedException($"spec.substrate.type {cluster.Substrate.Type.ToString().ToLowerInvariant()} has no etcd witness in this build (drills run on: local)", askedWrong: true),
        };
    }
}
