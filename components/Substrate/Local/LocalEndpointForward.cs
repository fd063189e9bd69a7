using Kubedos.Engine.Model;
using Kubedos.Providers.Local;
using Kubedos.Providers.Random;

namespace Kubedos.Components.Substrate.Local;

/// <summary>The stable endpoint on the local substrate: <c>local:lab:Endpoint</c>, an address on this host forwarded by nftables.</summary>
internal static class LocalEndpointForward
{
    public static ForwardedEndpoint Declare(ComponentResource parent, EndpointForward forward)
    {
        ArgumentNullException.ThrowIfNull(forward);
        var here = new ResourceOptions { Parent = parent };

        // The endpoint's owner: an id kept in this state, so no other state's endpoint of the same name is adopted.
        var owner = new RandomId("endpoint-owner", new RandomIdArgs { ByteLength = 8 }, here);
        var resource = new LabEndpointResource("forward", new LabEndpointResourceArgs
        {
            Name = forward.Name,
            Address = forward.Address,
            Ports = [.. forward.Ports.Select(p => (Input<int>)p)],
            Target = forward.Target,
            Serves = forward.Serves,
            LabOwner = owner.Hex,
        }, here);
        return new ForwardedEndpoint(resource.Address, resource.Target, resource.Serves);
    }
}
