using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Kubedos.Engine.Policy;

/// <summary>What a stack validation policy receives.</summary>
/// <param name="Resources">Every resource of the stack as it will be after the operation.</param>
/// <param name="Context">The deployment.</param>
/// <param name="Config">The policy's own settings from the policy config file (empty when none).</param>
public sealed record StackValidationArgs(ImmutableArray<PolicyResource> Resources, PolicyContext Context, JsonObject Config);
