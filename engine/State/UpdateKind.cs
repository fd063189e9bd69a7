namespace Kubedos.Engine.State;

/// <summary>The operation an update record describes.</summary>
public enum UpdateKind
{
    Update,
    Refresh,
    Destroy,
    Import,
}
