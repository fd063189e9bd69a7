namespace Kubedos.Engine.Model;

/// <summary>How long a create, update or delete may take before the engine cancels it and fails the step.</summary>
public sealed record CustomTimeouts(TimeSpan? Create = null, TimeSpan? Update = null, TimeSpan? Delete = null);
