using System.Collections.Immutable;
using Kubedos.Engine.Execution;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Automation;

/// <summary>How an operation went: kind, times, changes per op, every failure, and the bytes it wrote to the state.</summary>
public sealed record UpdateSummary(
    UpdateKind Kind,
    bool DryRun,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    ImmutableSortedDictionary<string, int> ResourceChanges,
    ImmutableArray<OperationFailure> Failures,
    long StateBytesWritten)
{
    public bool Succeeded => Failures.IsEmpty;

    /// <summary>True when any resource had an op other than <c>same</c> (what <c>--expect-no-changes</c> refuses).</summary>
    public bool HasChanges => ResourceChanges.Any(c => c.Key != "same" && c.Value > 0);

    /// <summary>How many resources had the op (<c>create</c>, <c>same</c>, <c>update</c>, <c>replace</c>, <c>delete</c>).</summary>
    public int Count(string op) => ResourceChanges.GetValueOrDefault(op);
}
