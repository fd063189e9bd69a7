using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary>
/// <c>local:lab:Endpoint</c>: a stable address on the host whose TCP ports nftables forwards to one target (the active
/// colour's control plane); a new target is an update in place, applied in one nftables transaction.
/// </summary>
public sealed class LabEndpointResource : CustomResource
{
    /// <summary>The resource type.</summary>
    public const string TypeToken = "local:lab:Endpoint";

    public LabEndpointResource(string name, LabEndpointResourceArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, args, options)
    {
    }

    /// <summary>The address operators dial.</summary>
    [Output("address")]
    public Output<string> Address { get; private set; } = null!;

    /// <summary>Where its ports go now.</summary>
    [Output("target")]
    public Output<string> Target { get; private set; } = null!;

    /// <summary>The stack served.</summary>
    [Output("serves")]
    public Output<string> Serves { get; private set; } = null!;

    /// <summary>The host's nftables table holding the forward.</summary>
    [Output("table")]
    public Output<string> Table { get; private set; } = null!;
}
