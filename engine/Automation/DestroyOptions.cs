using Kubedos.Engine.Automation.Events;

namespace Kubedos.Engine.Automation;

/// <summary>Options of destroy.</summary>
public sealed record DestroyOptions
{
    /// <summary>URNs (with <c>*</c> wildcards) of the only resources to delete.</summary>
    public IReadOnlyList<string> Target { get; init; } = [];

    /// <summary>Also delete what depends on a targeted resource (without it, such dependents fail the destroy).</summary>
    public bool TargetDependents { get; init; }

    public int? Parallel { get; init; }

    public Action<EngineEvent>? OnEvent { get; init; }

    /// <summary>Only report what would be deleted.</summary>
    public bool PreviewOnly { get; init; }
}
