using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>The declared replica count is the number of control-plane nodes the inventory has.</summary>
internal sealed class HaReplicasMatchInventoryRule : ISpecRule
{
    public string Id => "ha-replicas-match-inventory";

    public string Summary => "kubernetes.ha.controlPlaneReplicas equals the number of control-plane nodes in the inventory.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var declared = document.Spec.Kubernetes.Ha.ControlPlaneReplicas;
        var controlPlanes = document.Spec.Nodes.Inventory.Where(n => n.Role == NodeRole.ControlPlane).Select(n => n.Name).ToArray();
        if (declared != controlPlanes.Length)
        {
            var names = controlPlanes.Length == 0 ? "none" : string.Join(", ", controlPlanes);
            yield return new SpecFinding("spec.kubernetes.ha.controlPlaneReplicas",
                $"controlPlaneReplicas is {declared} but the inventory has {controlPlanes.Length} control-plane nodes ({names})");
        }
    }
}
