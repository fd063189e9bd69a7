using Kubedos.Engine.Policy;

namespace Kubedos.Cli;

/// <summary>A policy as <c>kubedos policy check</c> lists it (a SARIF rule): id, pack, effective level, description and remediation.</summary>
internal sealed record PolicyCheckRule(string Id, string Pack, EnforcementLevel Level, string Description, string? Remediation);
