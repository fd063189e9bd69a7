using Kubedos.Engine.Model;
using Kubedos.Engine.State;
using AcceptanceComponent = Kubedos.Components.Acceptance.AcceptanceGates;

namespace Kubedos.Operations.Gates;

/// <summary>The acceptance gates of a stack as its checkpoint records them: each <c>kubedos:components:Acceptance</c> and the custom resources under it.</summary>
/// <param name="Components">The acceptance components.</param>
/// <param name="Probes">Every custom resource under them (probe commands, operator probes, key login, verdict), in state order.</param>
internal sealed record AcceptanceTargets(IReadOnlyList<ResourceState> Components, IReadOnlyList<Urn> Probes)
{
    /// <summary>The gates in <paramref name="checkpoint"/>; a <see cref="StateException"/> when there are none to run.</summary>
    public static AcceptanceTargets Of(Checkpoint checkpoint, string stack)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var live = checkpoint.Resources.Where(r => !r.Delete).ToList();
        if (live.Count == 0)
        {
            throw new StateException($"stack '{stack}' has no resources: bring it up first (`kubedos up --stack {stack}`)");
        }

        var components = live.Where(r => r.Type == AcceptanceComponent.TypeToken).ToList();
        if (components.Count == 0)
        {
            throw new StateException(
                $"stack '{stack}' has no acceptance gates: its state holds no {AcceptanceComponent.TypeToken} (run `kubedos up --stack {stack}` to bring the whole stack up)");
        }

        var parents = live.GroupBy(r => r.Urn).ToDictionary(g => g.Key, g => g.First().Parent);
        var roots = components.Select(c => c.Urn).ToHashSet();
        var probes = live.Where(r => r.Custom && Under(r.Urn, roots, parents)).Select(r => r.Urn).ToList();
        if (probes.Count == 0)
        {
            throw new StateException($"stack '{stack}': {string.Join(", ", roots.Select(u => u.Value))} holds no probe to run (its resources were not created; run `kubedos up --stack {stack}`)");
        }

        return new AcceptanceTargets(components, probes);
    }

    // Probes may sit under a component of the gates, not only directly under it. The walk is bounded
    // by the number of resources, so a damaged state with a parent cycle ends it too.
    private static bool Under(Urn urn, HashSet<Urn> roots, Dictionary<Urn, Urn?> parents)
    {
        var parent = parents.GetValueOrDefault(urn);
        for (var steps = 0; parent is not null && steps < parents.Count; steps++)
        {
            if (roots.Contains(parent))
            {
                return true;
            }

            parent = parents.GetValueOrDefault(parent);
        }

        return false;
    }
}
