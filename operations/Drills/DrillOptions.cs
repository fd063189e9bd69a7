using Kubedos.Engine.Automation.Events;

namespace Kubedos.Operations.Drills;

/// <summary>How a drill runs: the fault it injects, the quorum witness, its clock and limits, and the hooks tests use.</summary>
internal sealed record DrillOptions
{
    /// <summary>How the node is failed (the substrate's way: on the local lab, <see cref="Local.LocalHostFailure"/>).</summary>
    public required IHostFailure HostFailure { get; init; }

    /// <summary>The etcd witness of <c>delete-control-plane</c> (<see cref="QuorumWitnesses"/>); null where the node holds no etcd member.</summary>
    public IQuorumWitness? Quorum { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long the gates have to notice the fault before the drill fails.</summary>
    public TimeSpan DetectionLimit { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the gates are asked while the drill waits for them to notice.</summary>
    public TimeSpan DetectionInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Holds recovery to this instead of the spec's targets; for tests proving that a slow recovery fails the drill.</summary>
    public TimeSpan? Target { get; init; }

    /// <summary>Runs between detection and recovery; tests slow recovery on purpose with it.</summary>
    public Func<CancellationToken, Task>? BeforeRecovery { get; init; }

    /// <summary>Receives every engine event of the drill's previews and its recovery.</summary>
    public Action<EngineEvent>? OnEvent { get; init; }

    /// <summary>Told when each phase is reached.</summary>
    public Action<DrillPhase, DateTimeOffset>? OnPhase { get; init; }
}
