using System.Collections.Immutable;

namespace Kubedos.Engine.State;

/// <summary>One entry of a stack's history: what ran, when, how it ended and what it changed.</summary>
public sealed record UpdateRecord(
    UpdateKind Kind,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    bool Succeeded,
    ImmutableSortedDictionary<string, int> ResourceChanges,
    ImmutableArray<string> Failures);
