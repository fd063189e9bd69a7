using Kubedos.Engine.Model;

namespace Kubedos.Engine.Automation.Events;

/// <summary>A message for the person running the operation, about a resource when <see cref="Urn"/> is set.</summary>
public sealed record DiagnosticEvent(Urn? Urn, string Message, DiagnosticSeverity Severity) : EngineEvent;
