using System.Collections.Immutable;

namespace Kubedos.Engine.Testing;

/// <summary>The stack a test deployment pretends to be: names, config and whether it previews.</summary>
public sealed record TestOptions
{
    public string ProjectName { get; init; } = "project";

    public string StackName { get; init; } = "test";

    /// <summary>The directory the program sees as its project's (relative config paths resolve against it).</summary>
    public string ProjectDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Config values by full key (<c>project:key</c>), as the program reads them.</summary>
    public IReadOnlyDictionary<string, string> Config { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>A preview: custom resources get an empty id, as in a real preview.</summary>
    public bool IsPreview { get; init; }
}
