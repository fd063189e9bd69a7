using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary><c>local:lab:WireGuardInterface</c>: a bare WireGuard interface on a node (kernel or wireguard-go); keys, peers and addresses are set on it afterwards.</summary>
public sealed class WireGuardInterfaceResource : CustomResource
{
    public WireGuardInterfaceResource(string name, WireGuardInterfaceResourceArgs args, ResourceOptions? options = null)
        : base("local:lab:WireGuardInterface", name, args, options)
    {
    }

    /// <summary>The lab's stack.</summary>
    [Output("stack")]
    public Output<string> Stack { get; private set; } = null!;

    /// <summary>The node.</summary>
    [Output("node")]
    public Output<string> Node { get; private set; } = null!;

    /// <summary>The interface name.</summary>
    [Output("name")]
    public Output<string> InterfaceName { get; private set; } = null!;

    /// <summary>Kernel or Userspace.</summary>
    [Output("implementation")]
    public Output<string> Implementation { get; private set; } = null!;
}
