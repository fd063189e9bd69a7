namespace Kubedos.Engine.Policy;

/// <summary>What a planned step does to a resource.</summary>
public enum PolicyStepOp
{
    /// <summary>Nothing changes.</summary>
    Same,

    /// <summary>A new resource is created.</summary>
    Create,

    /// <summary>The resource is updated in place.</summary>
    Update,

    /// <summary>The resource is replaced (a new one created, the old one deleted).</summary>
    Replace,

    /// <summary>The resource is deleted.</summary>
    Delete,
}
