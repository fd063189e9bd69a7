using System.Text.Json.Nodes;

namespace Kubedos.Engine.Policy;

/// <summary>One policy's entry in the policy config file: its level override and its own settings.</summary>
/// <param name="EnforcementLevel">The level to use instead of the policy's; null keeps it (or <c>all</c>).</param>
/// <param name="Properties">The other properties of <c>{"enforcementLevel": ..., ...}</c>, handed to the policy.</param>
public sealed record PolicyConfigEntry(EnforcementLevel? EnforcementLevel, JsonObject Properties);
