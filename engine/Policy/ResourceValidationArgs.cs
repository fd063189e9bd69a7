using System.Text.Json.Nodes;

namespace Kubedos.Engine.Policy;

/// <summary>What a resource validation policy receives.</summary>
/// <param name="Resource">The resource being validated.</param>
/// <param name="Context">The deployment.</param>
/// <param name="Config">The policy's own settings from the policy config file (empty when none).</param>
public sealed record ResourceValidationArgs(PolicyResource Resource, PolicyContext Context, JsonObject Config);
