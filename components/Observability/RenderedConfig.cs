namespace Kubedos.Components.Observability;

/// <summary>One rendered configuration file, by its path under <c>out/&lt;stack&gt;/observability/</c>.</summary>
internal sealed record RenderedConfig(string RelativePath, string Content);
