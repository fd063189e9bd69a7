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
    public static ImmutableArray<ImmutableArray<ResourceState>> Antichains(IReadOnlyList<ResourceState> toDelete)
    {
        var first = MustDeleteFirst(toDelete);
        var level = new Dictionary<ResourceState, int>(ReferenceEqualityComparer.Instance);

        int Level(ResourceState r, HashSet<ResourceState> path)
        {
            if (level.TryGetValue(r, out var known))
            {
                return known;
            }

            if (!path.Add(r))
            {
                // Only a damaged state has one (loading refuses it): a state error, not a bug.
                throw new StateException($"dependency-cycle: the resources to delete depend on each other: {string.Join(" -> ", path.Select(p => p.Urn.Value))} -> {r.Urn.Value}");
            }

            var l = first[r].Select(d => Level(d, path) + 1).DefaultIfEmpty(0).Max();
            path.Remove(r);
            level[r] = l;
            return l;
        }

        foreach (var r in toDelete)
        {
            Level(r, new HashSet<ResourceState>(ReferenceEqualityComparer.Instance));
        }

        return [.. toDelete.GroupBy(r => level[r]).OrderBy(g => g.Key).Select(g => g.ToImmutableArray())];
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
