using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>The observability node(s) are inventory nodes, each named once; left out, the first control-plane node is one.</summary>
internal sealed class ObservabilityNodesRule : ISpecRule
{
    public string Id => "observability-nodes";

    public string Summary => "With kubernetes.observability.enabled, nodes names inventory nodes, each once; left out, the inventory has a control-plane node (the default).";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var observability = document.Spec.Kubernetes.Observability;
        if (!observability.Enabled)
        {
            yield break;
        }

        var inventory = document.Spec.Nodes.Inventory;
        if (observability.Nodes.Count == 0 && !inventory.Any(n => n.Role == NodeRole.ControlPlane))
        {
            yield return new SpecFinding("spec.kubernetes.observability.nodes",
                "observability.nodes is left out and the inventory has no control-plane node to default to; name the node(s) that run Prometheus, Alertmanager and the log collector");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < observability.Nodes.Count; i++)
        {
            var name = observability.Nodes[i];
            if (!inventory.Any(n => n.Name == name))
            {
                yield return new SpecFinding($"spec.kubernetes.observability.nodes[{i}]",
                    $"observability node '{name}' is not in the inventory (inventory: {string.Join(", ", inventory.Select(n => n.Name))})");
            }
            else if (!seen.Add(name))
            {
                yield return new SpecFinding($"spec.kubernetes.observability.nodes[{i}]", $"observability node '{name}' is named twice");
            }
        }
    }
}
