using Kubedos.Engine.Model;

namespace Kubedos.Components;

/// <summary>The options a stage gives the resources it registers.</summary>
internal static class StageOptions
{
    /// <summary>
    /// Options for every child of <paramref name="stage"/>: the stage as parent, and the stage's own <c>DependsOn</c>, which
    /// the engine does not pass down by itself, so the DAG's edges hold for each resource.
    /// </summary>
    public static ResourceOptions ForChildren(ComponentResource stage, ResourceOptions? stageOptions) =>
        new() { Parent = stage, DependsOn = stageOptions?.DependsOn ?? [] };

    /// <summary><paramref name="options"/> with <paramref name="more"/> added to its <c>DependsOn</c>.</summary>
    public static ResourceOptions After(this ResourceOptions options, params IEnumerable<Resource> more)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with { DependsOn = [.. options.DependsOn, .. more] };
    }
}
