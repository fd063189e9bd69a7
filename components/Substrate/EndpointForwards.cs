using Kubedos.Components.Substrate.Local;
using Kubedos.Engine.Model;

namespace Kubedos.Components.Substrate;

/// <summary>The substrates on which a blue/green pair's stable endpoint can be made, by the spec's name of the substrate.</summary>
internal static class EndpointForwards
{
    private static readonly Dictionary<string, Func<ComponentResource, EndpointForward, ForwardedEndpoint>> Kinds = new(StringComparer.Ordinal)
    {
        ["local"] = LocalEndpointForward.Declare,
    };

    /// <summary>The substrates (spec names) that have a stable endpoint in this build.</summary>
    public static IReadOnlyList<string> Substrates { get; } = [.. Kinds.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Declares <paramref name="forward"/> under <paramref name="parent"/> on <paramref name="substrate"/>.</summary>
    /// <exception cref="UnsupportedSubstrateException">The substrate has no stable endpoint in this build.</exception>
    public static ForwardedEndpoint Declare(string substrate, ComponentResource parent, EndpointForward forward) =>
        Kinds.TryGetValue(substrate, out var declare) ? declare(parent, forward) : throw new UnsupportedSubstrateException(substrate, Substrates);
}
