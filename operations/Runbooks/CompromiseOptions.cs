using Kubedos.Operations.Drills;

namespace Kubedos.Operations.Runbooks;

/// <summary>How the compromised-node runbook fences and destroys a node on its substrate, and why it revokes it.</summary>
internal sealed record CompromiseOptions
{
    public required INodeFence Fence { get; init; }

    public required IHostFailure HostFailure { get; init; }

    /// <summary>The reason recorded in the revocation list and the audit log.</summary>
    public string Reason { get; init; } = "compromised: fenced, revoked and replaced by kubedos runbook compromised-node";

    public RunbookOptions Runbook { get; init; } = new();
}
