namespace Kubedos.Engine.State;

/// <summary>What opening a backend may use: its URL, the project directory (relative paths), the clock, and the environment (libpq's variables).</summary>
internal sealed record StateBackendRequest(string Url, string WorkDir, TimeProvider Time, Func<string, string?> Environment);
