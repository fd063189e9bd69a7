namespace Kubedos.Engine.Automation.Events;

/// <summary>An engine event (Pulumi's engine event): a sequence number, a timestamp and one payload.</summary>
public abstract record EngineEvent
{
    public long Sequence { get; init; }

    public DateTimeOffset Timestamp { get; init; }
}
