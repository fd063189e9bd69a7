namespace Kubedos.Engine.Automation.Events;

/// <summary>How one property changed (Pulumi's detailed diff kinds).</summary>
public enum PropertyDiffKind
{
    Add,
    AddReplace,
    Delete,
    DeleteReplace,
    Update,
    UpdateReplace,
}
