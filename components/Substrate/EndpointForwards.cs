using Kubedos.Components.Substrate.Local;
using Kubedos.Engine.Model;

namespace Kubedos.Components.Substrate;

/// <summary>The substrates on which a blue/green pair's stable endpoint can be made, by the spec's name of the substrate.</summary>
internal static class EndpointForwards
{
    /// <summary>Declares <paramref name="forward"/> under <paramref name="parent"/> on <paramref name="substrate"/>.</summary>
    /// <exception cref="UnsupportedSubstrateException">The substrate has no stable endpoint in this build.</exception>
    public static ForwardedEndpoint Declare(string substrate, ComponentResource parent, EndpointForward forward) => substrate switch
    {
        "local" => LocalEndpointForward.Declare(parent, forward),
        _ => throw new UnsupportedSubstrateException(substrate, ["local"]),
    };
}
