using Kubedos.Spec.Model;

namespace Kubedos.Spec.Validation.Rules;

/// <summary>Drills are known, have a recovery objective, and can run on this topology.</summary>
internal sealed class DrillRule : ISpecRule
{
    public static readonly IReadOnlyList<string> KnownDrills = ["delete-worker", "delete-control-plane"];

    public string Id => "drill-known";

    public string Summary => $"acceptance.drills name known drills ({string.Join(", ", KnownDrills)}) with expectRecoveryMinutes >= 1; delete-control-plane needs HA, delete-worker a worker.";

    public IEnumerable<SpecFinding> Evaluate(ClusterDocument document)
    {
        var drills = document.Spec.Acceptance.Drills;
        for (var i = 0; i < drills.Count; i++)
        {
            var path = $"spec.acceptance.drills[{i}]";
            var drill = drills[i];
            if (!KnownDrills.Contains(drill.Name))
            {
                yield return new SpecFinding($"{path}.name", $"unknown drill '{drill.Name}'; known: {string.Join(", ", KnownDrills)}");
            }
            else if (drill.Name == "delete-control-plane" && !document.Spec.Kubernetes.Ha.Enabled)
            {
                yield return new SpecFinding($"{path}.name", "drill delete-control-plane needs kubernetes.ha.enabled: without HA, deleting the control plane loses the cluster");
            }
            else if (drill.Name == "delete-worker" && document.Spec.Nodes.Inventory.All(n => n.Role != NodeRole.Worker))
            {
                yield return new SpecFinding($"{path}.name", "drill delete-worker needs at least one worker node");
            }

            if (drill.ExpectRecoveryMinutes < 1)
            {
                yield return new SpecFinding($"{path}.expectRecoveryMinutes", $"drill '{drill.Name}' expects recovery in {drill.ExpectRecoveryMinutes} minutes; it must be at least 1");
            }
        }
    }
}
