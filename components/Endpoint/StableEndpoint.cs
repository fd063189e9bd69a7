using Kubedos.Components.Substrate;
using Kubedos.Engine.Model;

namespace Kubedos.Components.Endpoint;

/// <summary>
/// <c>kubedos:components:StableEndpoint</c>: a blue/green pair's operator-facing address. A <see cref="StackReference"/>
/// reads the served colour's outputs (its substrate and <c>controlPlaneEndpoint</c>), and the substrate forwards the
/// address's API server (6443) and SSH (22) ports to that control plane (<see cref="EndpointForwards"/>; on the local
/// substrate <c>local:lab:Endpoint</c>), so moving the endpoint to the other colour is a change of one config value and an
/// up: the forward is updated in place.
/// </summary>
internal sealed class StableEndpoint : ComponentResource
{
    public const string TypeToken = "kubedos:components:StableEndpoint";

    /// <summary>The forwarded TCP ports: the Kubernetes API server's and SSH's.</summary>
    public static readonly IReadOnlyList<int> Ports = [6443, 22];

    public StableEndpoint(string name, StableEndpointArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        var colour = new StackReference(args.Serves, options: new ResourceOptions { Parent = this });
        var target = colour.RequireOutput("substrate").Apply(substrate => (string?)substrate == args.Substrate
            ? colour.RequireOutput("controlPlaneEndpoint").Apply(endpoint => endpoint as string is { Length: > 0 } address
                ? address
                : throw new InvalidOperationException($"stack '{args.Serves}' has no control-plane endpoint yet (its gates have not passed); bring it up first"))
            : throw new InvalidOperationException($"stack '{args.Serves}' runs on the '{substrate}' substrate, and this endpoint is made on '{args.Substrate}' (kubedos:{EndpointStack.SubstrateKey})"));
        var forwarded = EndpointForwards.Declare(args.Substrate, this, new EndpointForward(args.Name, args.Address, Ports, target, args.Serves));
        Serves = forwarded.Serves;
        Address = forwarded.Address;
        Target = forwarded.Target;
        RegisterOutputs(new Dictionary<string, object?> { ["serves"] = Serves, ["address"] = Address, ["target"] = Target });
    }

    /// <summary>The stack served.</summary>
    public Output<string> Serves { get; }

    /// <summary>The address operators dial.</summary>
    public Output<string> Address { get; }

    /// <summary>Where the forwarded ports go: the served colour's primary control plane on wg1.</summary>
    public Output<string> Target { get; }
}
