using Kubedos.Engine.Automation;
using Kubedos.Engine.State;

namespace Kubedos.Engine.Execution;

/// <summary>What an operation did, and the checkpoint it left.</summary>
internal sealed record OperationOutcome(UpdateSummary Summary, Checkpoint Checkpoint);
