namespace Kubedos.Engine.Automation.Events;

/// <summary>A step failed.</summary>
public sealed record ResourceOperationFailedEvent(StepEventMetadata Metadata, string Message) : EngineEvent;
