using Kubedos.Engine.Model;

namespace Kubedos.Policies;

/// <summary>The inputs of a <see cref="SpecFact"/>.</summary>
internal sealed class SpecFactArgs : ResourceArgs
{
    /// <summary>The spec path (<c>spec.substrate.allowDestroy</c>, <c>spec.nodes.inventory[2]</c>).</summary>
    [Input("path")]
    public required string Path { get; init; }

    /// <summary>The value written there (normalised: defaults applied).</summary>
    [Input("value")]
    public required PropertyValue Value { get; init; }
}
