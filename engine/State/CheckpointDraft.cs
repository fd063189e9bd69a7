using System.Collections.Immutable;
using Kubedos.Engine.Model;

namespace Kubedos.Engine.State;

/// <summary>The checkpoint being changed by a running operation: a thread-safe, keyed, mutable copy.</summary>
/// <remarks>
/// Resources are keyed by URN and delete flag (and id, for old copies), because a
/// create-before-delete replacement keeps the old resource (delete: true) beside the new one
/// until the old is deleted.
/// </remarks>
internal sealed class CheckpointDraft
{
    private readonly object _gate = new();
    private readonly Dictionary<(Urn, bool, string?), (ResourceState State, long Order)> _resources = [];
    private long _order;
    private readonly List<PendingOperation> _pending = [];

    public CheckpointDraft(Checkpoint basis)
    {
        ArgumentNullException.ThrowIfNull(basis);
        SecretsProviders = basis.SecretsProviders;
        foreach (var r in basis.Resources)
        {
            Apply(JournalOp.Put(r));
        }

        _pending.AddRange(basis.PendingOperations);
    }

    public SecretsProviderState? SecretsProviders { get; set; }

    public void Apply(JournalOp op)
    {
        lock (_gate)
        {
            var key = op.Key;
            switch (op.Kind)
            {
                case JournalOpKind.Put:
                    // A resource keeps its place when it changes; a new one goes last.
                    var order = _resources.TryGetValue(key, out var existing) ? existing.Order : ++_order;
                    _resources[key] = (op.Resource!, order);
                    break;
                case JournalOpKind.Remove:
                    _resources.Remove(key);
                    break;
                case JournalOpKind.Begin:
                    _pending.Add(new PendingOperation(op.Resource!, op.Pending));
                    break;
                case JournalOpKind.End:
                    var i = _pending.FindIndex(p => p.Resource.Urn == op.Urn && p.Kind == op.Pending);
                    if (i >= 0)
                    {
                        _pending.RemoveAt(i);
                    }

                    break;
            }
        }
    }

    public ResourceState? Find(Urn urn)
    {
        lock (_gate)
        {
            return _resources.TryGetValue((urn, false, null), out var entry) ? entry.State : null;
        }
    }

    /// <summary>The checkpoint now, resources ordered so each follows its parent and dependencies.</summary>
    public Checkpoint ToCheckpoint(DateTimeOffset time)
    {
        lock (_gate)
        {
            var ordered = TopologicalOrder(_resources.Values.OrderBy(e => e.Order).Select(e => e.State).ToList());
            return new Checkpoint(CheckpointManifest.At(time), SecretsProviders, ordered, [.. _pending]);
        }
    }

    /// <summary>A stable topological order: the recorded order, except that a resource waits for what it depends on.</summary>
    internal static ImmutableList<ResourceState> TopologicalOrder(IReadOnlyList<ResourceState> resources)
    {
        var live = resources.Where(r => !r.Delete).Select(r => r.Urn).ToHashSet();
        var placed = new HashSet<Urn>();
        var result = ImmutableList.CreateBuilder<ResourceState>();
        var visiting = new HashSet<ResourceState>(ReferenceEqualityComparer.Instance);
        var byUrn = resources.Where(r => !r.Delete).ToDictionary(r => r.Urn);

        void Visit(ResourceState r)
        {
            if (!visiting.Add(r))
            {
                return;
            }

            foreach (var dep in r.DependenciesAndParent)
            {
                if (live.Contains(dep) && !placed.Contains(dep) && byUrn.TryGetValue(dep, out var d) && d != r)
                {
                    Visit(d);
                }
            }

            result.Add(r);
            if (!r.Delete)
            {
                placed.Add(r.Urn);
            }
        }

        foreach (var r in resources)
        {
            Visit(r);
        }

        return result.ToImmutable();
    }
}
