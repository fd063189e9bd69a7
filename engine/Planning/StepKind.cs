namespace Kubedos.Engine.Planning;

/// <summary>What the engine does with a resource (Pulumi's step ops).</summary>
public enum StepKind
{
    Same,
    Create,
    Update,
    Delete,
    Replace,
    CreateReplacement,
    DeleteReplaced,
    Refresh,
    Read,
}
