using Kubedos.Engine.Model;

namespace Kubedos.Providers.Kubernetes;

/// <summary>Inputs of <see cref="RenderedFile"/>.</summary>
public sealed class RenderedFileArgs : ResourceArgs
{
    /// <summary>The render directory (absolute), e.g. <c>out/&lt;stack&gt;/kubernetes</c>.</summary>
    public required Input<string> Directory { get; init; }

    /// <summary>The file's path under <see cref="Directory"/>: '/'-separated segments of letters, digits, '.', '_' and '-', ending in <c>.yaml</c>.</summary>
    public required Input<string> Path { get; init; }

    /// <summary>The file's text.</summary>
    public required Input<string> Content { get; init; }
}
