using Kubedos.Engine.Model;

namespace Kubedos.Components.Endpoint;

/// <summary>
/// The program of a blue/green pair's endpoint stack: one <see cref="StableEndpoint"/> serving the colour its config names.
/// Config: <c>kubedos:endpoint.serves</c> (the colour's stack, in this project), <c>kubedos:endpoint.address</c> (the
/// IPv4 address operators dial) and <c>kubedos:endpoint.substrate</c> (the colours' substrate, default <c>local</c>). <c>kubedos swap</c> sets both and runs its up; a stack file with
/// <c>kubedos:endpoint.serves</c> is an endpoint stack (<see cref="KubedosProgram"/>).
/// </summary>
public sealed class EndpointStack : Stack
{
    /// <summary>The config key naming the colour served.</summary>
    public const string ServesKey = "endpoint.serves";

    /// <summary>The config key holding the address.</summary>
    public const string AddressKey = "endpoint.address";

    /// <summary>The config key naming the colours' substrate (default <c>local</c>): where the endpoint is made.</summary>
    public const string SubstrateKey = "endpoint.substrate";

    public EndpointStack()
    {
        var endpoint = new StableEndpoint("endpoint", new StableEndpointArgs
        {
            Name = StackName,
            Address = RequireConfig(AddressKey),
            Serves = RequireConfig(ServesKey),
            Substrate = GetConfig(SubstrateKey) ?? "local",
        });
        Serves = endpoint.Serves;
        Address = endpoint.Address;
        Target = endpoint.Target;
    }

    /// <summary>The colour served.</summary>
    [Output("serves")]
    public Output<string> Serves { get; private set; }

    /// <summary>The address operators dial.</summary>
    [Output("address")]
    public Output<string> Address { get; private set; }

    /// <summary>Where its ports go now.</summary>
    [Output("target")]
    public Output<string> Target { get; private set; }
}
