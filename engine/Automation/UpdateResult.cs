namespace Kubedos.Engine.Automation;

/// <summary>The result of preview, up, refresh or destroy: the summary and the stack outputs afterwards.</summary>
public sealed record UpdateResult(UpdateSummary Summary, IReadOnlyDictionary<string, OutputValue> Outputs);
