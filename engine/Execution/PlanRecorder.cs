using System.Collections.Concurrent;
using System.Collections.Immutable;
using Kubedos.Engine.Model;
using Kubedos.Engine.Planning;
using Kubedos.Engine.Policy;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Execution;

/// <summary>Collects a dry run's planned steps and resulting resources, for the policy packs.</summary>
internal sealed class PlanRecorder
{
    private readonly ConcurrentQueue<(long Order, PolicyStep Step)> _steps = new();
    private readonly ConcurrentQueue<(long Order, PolicyResource Resource)> _resources = new();
    private readonly ConcurrentDictionary<Urn, bool> _deleted = new();
    private long _order;

    public IEnumerable<PolicyStep> Steps => _steps.OrderBy(s => s.Order).Select(s => s.Step);

    public IEnumerable<PolicyResource> Resources => _resources.OrderBy(r => r.Order).Select(r => r.Resource);

    public bool WasDeleted(Urn urn) => _deleted.ContainsKey(urn);

    public void Registered(StepKind kind, ResourceState? old, ResourceState goal, ImmutableArray<string> replaceKeys)
    {
        var order = Interlocked.Increment(ref _order);
        var op = kind switch
        {
            StepKind.Create => PolicyStepOp.Create,
            StepKind.Update => PolicyStepOp.Update,
            StepKind.Replace => PolicyStepOp.Replace,
            _ => PolicyStepOp.Same,
        };
        _steps.Enqueue((order, new PolicyStep(op, goal.Urn, old?.Inputs, goal.Inputs) { ReplaceKeys = replaceKeys, Source = goal.SourcePosition ?? old?.SourcePosition }));
        _resources.Enqueue((order, Resource(goal)));
    }

    public void Deleted(ResourceState old)
    {
        _deleted[old.Urn] = true;
        _steps.Enqueue((Interlocked.Increment(ref _order), new PolicyStep(PolicyStepOp.Delete, old.Urn, old.Inputs, null) { Source = old.SourcePosition }));
    }

    public static PolicyResource Resource(ResourceState state) => new(state.Urn, state.Inputs)
    {
        Parent = state.Parent is { } p && p.Type != Urn.RootStackType ? p : null,
        Dependencies = state.Dependencies,
        Source = state.SourcePosition,
    };
}
