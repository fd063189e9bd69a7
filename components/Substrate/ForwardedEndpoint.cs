using Kubedos.Engine.Model;

namespace Kubedos.Components.Substrate;

/// <summary>What a substrate made for an <see cref="EndpointForward"/>: the address, where it forwards now, and the stack it serves.</summary>
internal sealed record ForwardedEndpoint(Output<string> Address, Output<string> Target, Output<string> Serves);
