using Kubedos.Engine.Automation.Events;

namespace Kubedos.Engine.Automation;

/// <summary>Options of refresh.</summary>
public sealed record RefreshOptions
{
    /// <summary>Report drift without writing the state.</summary>
    public bool PreviewOnly { get; init; }

    /// <summary>URNs (with <c>*</c> wildcards) of the only resources to read.</summary>
    public IReadOnlyList<string> Target { get; init; } = [];

    /// <summary>Fail with <see cref="UnexpectedChangesException"/> when anything would change (Pulumi's <c>--expect-no-changes</c>); an up or refresh then changes nothing.</summary>
    public bool ExpectNoChanges { get; init; }

    public int? Parallel { get; init; }

    public Action<EngineEvent>? OnEvent { get; init; }
}
