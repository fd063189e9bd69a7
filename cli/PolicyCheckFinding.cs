using Kubedos.Engine.Model;
using Kubedos.Engine.Policy;

namespace Kubedos.Cli;

/// <summary>One violation <c>kubedos policy check</c> reports: the policy, its level, the message, the resource and the spec location.</summary>
internal sealed record PolicyCheckFinding(
    string Policy,
    string Pack,
    EnforcementLevel Level,
    string Message,
    string? Urn,
    PolicySourceLocation? Source);
