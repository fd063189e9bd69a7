using Kubedos.Engine.Model;

namespace Kubedos.Engine.Policy;

/// <summary>One violation: which policy of which pack, at what level, about which resource, and what to do.</summary>
/// <param name="PolicyName">The policy's name.</param>
/// <param name="PolicyPack">The pack's name.</param>
/// <param name="EnforcementLevel">The effective level (after the policy config file).</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Urn">The resource at fault; null for a stack-wide violation.</param>
/// <param name="Source">Where that resource is declared, when known.</param>
public sealed record PolicyViolation(
    string PolicyName,
    string PolicyPack,
    EnforcementLevel EnforcementLevel,
    string Message,
    Urn? Urn,
    PolicySourceLocation? Source)
{
    /// <summary>The policy's description.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>How to fix it, when the policy says.</summary>
    public string? Remediation { get; init; }

    /// <summary>One line for people: <c>[mandatory] pack/policy: message (urn) at file:line</c>.</summary>
    public override string ToString() =>
        $"[{EnforcementLevel.ToString().ToLowerInvariant()}] {PolicyPack}/{PolicyName}: {Message}"
        + (Urn is null ? string.Empty : $" ({Urn})")
        + (Source is null ? string.Empty : $" at {Source}");
}
