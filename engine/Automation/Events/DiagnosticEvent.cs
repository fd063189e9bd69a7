using Kubedos.Engine.Model;

namespace Kubedos.Engine.Automation.Events;

/// <summary>A message for the person running the operation, about a resource when <see cref="Urn"/> is set.</summary>
public sealed record DiagnosticEvent(Urn? Urn, string Message, DiagnosticSeverity Severity) : EngineEvent
{
    /// <summary>
    /// A status line of a step still running (Pulumi's ephemeral diagnostic): the live view shows the latest in the
    /// resource's Info column and drops it from the epilogue.
    /// </summary>
    public bool Ephemeral { get; init; }
}
