using System.Text.Json.Nodes;

namespace Kubedos.Engine.State;

/// <summary>The checkpoint's <c>secrets_providers</c>: the type (<c>passphrase</c>) and its state (the salt).</summary>
public sealed record SecretsProviderState(string Type, JsonObject? State);
