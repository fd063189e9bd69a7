namespace Kubedos.Engine.State;

/// <summary>A provider call that was under way (Pulumi's pending operation types).</summary>
public enum PendingOperationKind
{
    Creating,
    Updating,
    Deleting,
    Reading,
}
