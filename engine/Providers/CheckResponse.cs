using Kubedos.Engine.Model;

namespace Kubedos.Engine.Providers;

/// <summary>The checked inputs the engine will use, and any failures (non-empty fails the resource).</summary>
public sealed record CheckResponse(PropertyMap Inputs, IReadOnlyList<CheckFailure> Failures)
{
    /// <summary>Inputs accepted as they are.</summary>
    public static CheckResponse Valid(PropertyMap inputs) => new(inputs, []);
}
