namespace Kubedos.Engine.Automation.Events;

/// <summary>The operation starts: its kind and the stack's config (secret values masked).</summary>
public sealed record PreludeEvent(string Operation, bool DryRun, IReadOnlyDictionary<string, string> Config) : EngineEvent;
