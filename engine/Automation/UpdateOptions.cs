using Kubedos.Engine.Automation.Events;

namespace Kubedos.Engine.Automation;

/// <summary>Options of preview and up.</summary>
public sealed record UpdateOptions
{
    /// <summary>URNs (with <c>*</c> wildcards) of the only resources to change.</summary>
    public IReadOnlyList<string> Target { get; init; } = [];

    /// <summary>Also change what depends on a targeted resource.</summary>
    public bool TargetDependents { get; init; }

    /// <summary>URNs of resources to replace even when unchanged.</summary>
    public IReadOnlyList<string> Replace { get; init; } = [];

    /// <summary>How many resource operations may run at once; 4 x cores when null (Pulumi's default).</summary>
    public int? Parallel { get; init; }

    /// <summary>
    /// Refresh first, then update, in one operation under one stack lock (Pulumi's <c>up --refresh</c>): a resource found gone is
    /// dropped from the state and the update creates it again; drift is recorded before the program's inputs are compared.
    /// </summary>
    public bool Refresh { get; init; }

    /// <summary>Fail with <see cref="UnexpectedChangesException"/> when anything would change (Pulumi's <c>--expect-no-changes</c>); an up or refresh then changes nothing.</summary>
    public bool ExpectNoChanges { get; init; }

    /// <summary>Receives every engine event as it happens (called one at a time).</summary>
    public Action<EngineEvent>? OnEvent { get; init; }
}
