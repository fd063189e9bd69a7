using Kubedos.Engine.State;

namespace Kubedos.Engine.Automation;

/// <summary>One entry of <c>stack history</c>: its version (1 for the stack's first operation) and what it recorded.</summary>
public sealed record UpdateHistoryEntry(int Version, UpdateRecord Update);
