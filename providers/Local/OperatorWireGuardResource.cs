using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary><c>local:lab:OperatorWireGuard</c>: the host's own peer on a node plane (root namespace, one per stack).</summary>
public sealed class OperatorWireGuardResource : CustomResource
{
    public OperatorWireGuardResource(string name, OperatorWireGuardResourceArgs args, ResourceOptions? options = null)
        : base("local:lab:OperatorWireGuard", name, args, options)
    {
    }

    /// <summary>The interface's name on the host.</summary>
    [Output("name")]
    public Output<string> InterfaceName { get; private set; } = null!;

    /// <summary>The operator's plane address with its prefix.</summary>
    [Output("address")]
    public Output<string> Address { get; private set; } = null!;
}
