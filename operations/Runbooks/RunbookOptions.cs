using Kubedos.Engine.Automation.Events;

namespace Kubedos.Operations.Runbooks;

/// <summary>How a runbook program runs: its clock and who watches it.</summary>
internal sealed record RunbookOptions
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Called when a step starts (result null) and when it ends.</summary>
    public Action<RunbookStep, RunbookStepResult?>? OnStep { get; init; }

    /// <summary>Every engine event of the runbook's previews and ups.</summary>
    public Action<EngineEvent>? OnEvent { get; init; }
}
