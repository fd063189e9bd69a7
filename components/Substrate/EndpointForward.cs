using Kubedos.Engine.Model;

namespace Kubedos.Components.Substrate;

/// <summary>A blue/green pair's stable endpoint as the substrate is asked to make it: an address whose TCP ports go to one target.</summary>
/// <param name="Name">The endpoint's name (its stack's).</param>
/// <param name="Address">The IPv4 address operators dial.</param>
/// <param name="Ports">The TCP ports forwarded.</param>
/// <param name="Target">Where they go: the served colour's control plane.</param>
/// <param name="Serves">The stack served, recorded for people.</param>
internal sealed record EndpointForward(string Name, string Address, IReadOnlyList<int> Ports, Output<string> Target, string Serves);
