namespace Kubedos.Engine.Providers;

/// <summary>One invalid input: the property (camelCase path) and why.</summary>
public sealed record CheckFailure(string Property, string Reason);
