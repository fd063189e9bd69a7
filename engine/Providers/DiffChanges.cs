namespace Kubedos.Engine.Providers;

/// <summary>Whether a diff found changes.</summary>
public enum DiffChanges
{
    None,
    Some,
}
