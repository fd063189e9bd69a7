namespace Kubedos.Engine.Automation.Events;

/// <summary>A step is about to run (in preview: would run).</summary>
public sealed record ResourcePreEvent(StepEventMetadata Metadata, bool Planning) : EngineEvent;
