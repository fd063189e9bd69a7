namespace Kubedos.Engine.State;

/// <summary>A provider call recorded before it starts and cleared after: left behind, it tells recovery what to finish.</summary>
public sealed record PendingOperation(ResourceState Resource, PendingOperationKind Kind);
