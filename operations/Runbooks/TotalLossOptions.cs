using Kubedos.Operations.Drills;

namespace Kubedos.Operations.Runbooks;

/// <summary>How the total-loss runbook sees the substrate's machines, where the project is, and which key signs the bundle it trusts.</summary>
internal sealed record TotalLossOptions
{
    /// <summary>Tells a machine that is gone from one that still runs (the runbook only rebuilds a cluster of which nothing runs).</summary>
    public required IHostFailure HostFailure { get; init; }

    /// <summary>The project directory (the stack file's; the restore source's config path is relative to it).</summary>
    public required string ProjectDirectory { get; init; }

    /// <summary>The key id the stack seals with (config <c>kubedos:seal.signingKeyPin</c>); null trusts the bundle's own key.</summary>
    public string? SigningKeyPin { get; init; }

    public RunbookOptions Runbook { get; init; } = new();
}
