namespace Kubedos.Engine.Automation.Events;

/// <summary>How serious a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    Debug,
    Info,
    Warning,
    Error,
}
