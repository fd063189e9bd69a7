namespace Kubedos.Components.Endpoint;

/// <summary>Inputs of <see cref="StableEndpoint"/>.</summary>
internal sealed record StableEndpointArgs
{
    /// <summary>The endpoint's name (the endpoint stack's).</summary>
    public required string Name { get; init; }

    /// <summary>The IPv4 address operators dial.</summary>
    public required string Address { get; init; }

    /// <summary>The stack of the colour the endpoint serves (same project).</summary>
    public required string Serves { get; init; }

    /// <summary>The substrate both colours run on, as the spec names it (<c>local</c>).</summary>
    public required string Substrate { get; init; }
}
