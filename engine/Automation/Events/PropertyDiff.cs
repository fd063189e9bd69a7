namespace Kubedos.Engine.Automation.Events;

/// <summary>One property's change and, for a replacement, why it forces one.</summary>
public sealed record PropertyDiff(PropertyDiffKind Kind, bool InputDiff, string? ReplaceReason = null);
