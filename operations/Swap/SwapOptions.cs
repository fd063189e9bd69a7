using Kubedos.Operations.Runbooks;

namespace Kubedos.Operations.Swap;

/// <summary>What a blue/green swap needs beyond its two colours.</summary>
internal sealed record SwapOptions
{
    /// <summary>The project directory (the stack files' and the restore snapshot's config path are relative to it).</summary>
    public required string ProjectDirectory { get; init; }

    /// <summary>The pair's endpoint stack (its config: <c>kubedos:endpoint.serves</c>, <c>kubedos:endpoint.address</c>).</summary>
    public required string EndpointStack { get; init; }

    /// <summary>The endpoint's address, needed only by the first swap of a pair (which makes the endpoint); later swaps keep the one recorded.</summary>
    public string? EndpointAddress { get; init; }

    /// <summary>Destroy the old colour once the endpoint serves the new one (as the destruction-boundary policy allows).</summary>
    public bool DestroyOld { get; init; }

    public RunbookOptions Runbook { get; init; } = new();
}
