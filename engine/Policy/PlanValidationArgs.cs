using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Kubedos.Engine.Policy;

/// <summary>What a plan validation policy receives.</summary>
/// <param name="Steps">Every planned step, in plan order.</param>
/// <param name="Context">The deployment.</param>
/// <param name="Config">The policy's own settings from the policy config file (empty when none).</param>
public sealed record PlanValidationArgs(ImmutableArray<PolicyStep> Steps, PolicyContext Context, JsonObject Config);
