namespace Kubedos.Engine.Model;

/// <summary>
/// The running stack's config as a program reads it anywhere, before or without its <see cref="Stack"/> (Pulumi's <c>Config</c>):
/// keys in one namespace, the project's by default.
/// </summary>
public sealed class ProgramConfig
{
    private readonly IResourceMonitor monitor;

    /// <summary>The config of the program running in this async flow, in namespace <paramref name="ns"/> (null: the project's).</summary>
    /// <exception cref="InvalidOperationException">No program is running in this async flow.</exception>
    public ProgramConfig(string? ns = null)
    {
        monitor = DeploymentScope.Current ?? throw new InvalidOperationException("config is read inside a running program (no deployment is running in this async flow)");
        Namespace = ns ?? monitor.Project;
    }

    /// <summary>The namespace keys are read in.</summary>
    public string Namespace { get; }

    /// <summary>The value at <c>namespace:key</c>, or null when it is not set.</summary>
    public string? Get(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return monitor.Config.TryGetValue($"{Namespace}:{key}", out var value) ? value : null;
    }
}
