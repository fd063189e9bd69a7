namespace Kubedos.Engine.Automation.Events;

/// <summary>A step finished; the metadata's new state carries the outputs.</summary>
public sealed record ResourceOutputsEvent(StepEventMetadata Metadata, bool Planning) : EngineEvent;
