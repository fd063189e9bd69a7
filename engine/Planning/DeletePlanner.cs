using System.Collections.Immutable;
using Kubedos.Engine.Model;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Planning;

/// <summary>Orders deletes: a resource is deleted only after everything in the set that depends on it (or is its child); pure.</summary>
public static class DeletePlanner
{
    /// <summary>For each resource to delete, the resources in the same set that must be deleted before it.</summary>
    public static ImmutableDictionary<ResourceState, ImmutableArray<ResourceState>> MustDeleteFirst(IReadOnlyList<ResourceState> toDelete)
    {
        ArgumentNullException.ThrowIfNull(toDelete);
        var byUrn = toDelete.GroupBy(r => r.Urn).ToDictionary(g => g.Key, g => g.ToList());
        var before = toDelete.ToDictionary<ResourceState, ResourceState, ImmutableArray<ResourceState>.Builder>(r => r, _ => ImmutableArray.CreateBuilder<ResourceState>(), ReferenceEqualityComparer.Instance);
        foreach (var dependent in toDelete)
        {
            foreach (var dep in dependent.DependenciesAndParent.Distinct())
            {
                if (!byUrn.TryGetValue(dep, out var targets))
                {
                    continue;
                }

                foreach (var target in targets)
                {
                    if (!ReferenceEquals(target, dependent))
                    {
                        before[target].Add(dependent);
                    }
                }
            }
        }

        return before.ToImmutableDictionary<KeyValuePair<ResourceState, ImmutableArray<ResourceState>.Builder>, ResourceState, ImmutableArray<ResourceState>>(kv => kv.Key, kv => kv.Value.ToImmutable(), ReferenceEqualityComparer.Instance);
    }

    /// <summary>The deletes grouped into antichains in the order they may run (members of one antichain are independent).</summary>
    /// <remarks>
    /// A resource's antichain is one past the latest of those that must be deleted before it, computed
    /// in one pass over the edges (Kahn's order), without recursion: a chain of any length is fine.
    /// </remarks>
    public static ImmutableArray<ImmutableArray<ResourceState>> Antichains(IReadOnlyList<ResourceState> toDelete)
    {
        var first = MustDeleteFirst(toDelete);
        var waitingFor = new Dictionary<ResourceState, int>(ReferenceEqualityComparer.Instance);
        var unblocks = new Dictionary<ResourceState, List<ResourceState>>(ReferenceEqualityComparer.Instance);
        foreach (var (target, before) in first)
        {
            waitingFor[target] = before.Length;
            foreach (var dependent in before)
            {
                if (!unblocks.TryGetValue(dependent, out var list))
                {
                    unblocks[dependent] = list = [];
                }

                list.Add(target);
            }
        }

        var level = new Dictionary<ResourceState, int>(ReferenceEqualityComparer.Instance);
        var ready = new Queue<ResourceState>(toDelete.Where(r => waitingFor[r] == 0));
        foreach (var r in ready)
        {
            level[r] = 0;
        }

        var placed = 0;
        while (ready.Count > 0)
        {
            var r = ready.Dequeue();
            placed++;
            foreach (var target in unblocks.GetValueOrDefault(r) ?? [])
            {
                level[target] = Math.Max(level.GetValueOrDefault(target), level[r] + 1);
                if (--waitingFor[target] == 0)
                {
                    ready.Enqueue(target);
                }
            }
        }

        if (placed < waitingFor.Count)
        {
            throw Cycle(toDelete.First(r => waitingFor[r] > 0), first, waitingFor);
        }

        return [.. toDelete.GroupBy(r => level[r]).OrderBy(g => g.Key).Select(g => g.ToImmutableArray())];
    }

    // Every resource left waiting has a dependent that is also left waiting: following those must come back round.
    private static StateException Cycle(ResourceState start, ImmutableDictionary<ResourceState, ImmutableArray<ResourceState>> first, Dictionary<ResourceState, int> waitingFor)
    {
        var path = new List<ResourceState>();
        var seen = new HashSet<ResourceState>(ReferenceEqualityComparer.Instance);
        var r = start;
        while (seen.Add(r))
        {
            path.Add(r);
            r = first[r].First(d => waitingFor[d] > 0);
        }

        // Only a damaged state has one (loading refuses it): a state error, not a bug.
        var cycle = path.Skip(path.IndexOf(r)).Append(r).Select(p => p.Urn.Value);
        return new StateException($"dependency-cycle: the resources to delete depend on each other: {string.Join(" -> ", cycle)}");
    }

    /// <summary>The URNs of <paramref name="roots"/> and every resource in <paramref name="resources"/> that depends on them, transitively.</summary>
    public static ImmutableHashSet<Urn> WithDependents(IEnumerable<Urn> roots, IReadOnlyList<ResourceState> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var dependents = new Dictionary<Urn, List<Urn>>();
        foreach (var r in resources)
        {
            foreach (var dep in r.DependenciesAndParent)
            {
                if (!dependents.TryGetValue(dep, out var list))
                {
                    dependents[dep] = list = [];
                }

                list.Add(r.Urn);
            }
        }

        var set = new HashSet<Urn>();
        var queue = new Queue<Urn>(roots);
        while (queue.Count > 0)
        {
            var urn = queue.Dequeue();
            if (set.Add(urn) && dependents.TryGetValue(urn, out var list))
            {
                foreach (var d in list)
                {
                    queue.Enqueue(d);
                }
            }
        }

        return [.. set];
    }
}
