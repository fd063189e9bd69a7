using Kubedos.Engine.State;

namespace Kubedos.Engine.Automation;

/// <summary>What an operation did, and the checkpoint it left.</summary>
internal sealed record OperationOutcome(UpdateSummary Summary, Checkpoint Checkpoint);
