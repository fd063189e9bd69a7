using System.Collections.Immutable;

namespace Kubedos.Engine.Automation.Events;

/// <summary>The operation ended: how long it took and how many resources each op touched.</summary>
public sealed record SummaryEvent(bool MaybeCorrupt, double DurationSeconds, ImmutableSortedDictionary<string, int> ResourceChanges) : EngineEvent;
