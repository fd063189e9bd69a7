using Kubedos.Engine.Model;

namespace Kubedos.Components.Substrate;

/// <summary>
/// How first-boot content reaches a node before it is reachable over the network: files,
/// software, one-shot commands, long-lived services and bare WireGuard interfaces. On the local lab it is a
/// write into the node's private filesystem; on Proxmox or cloud it would be cloud-init user data.
/// </summary>
/// <remarks>Every resource it registers takes its options (parent, extra edges) from the calling stage.</remarks>
internal interface INodeBootstrapChannel
{
    /// <summary>The node's name.</summary>
    string NodeName { get; }

    /// <summary>Places a file on the node; the result's hash changes whenever the content does.</summary>
    BootstrapFile WriteFile(string name, string path, Input<string> content, string mode, ResourceOptions options);

    /// <summary>Installs <paramref name="software"/> whole as <paramref name="directory"/> on the node (again when its digest changes).</summary>
    BootstrapPayload Install(string name, NodeSoftware software, string directory, ResourceOptions options);

    /// <summary>Runs <paramref name="argv"/> once on the node (again when a trigger changes); it must exit 0.</summary>
    BootstrapCommand Run(string name, IReadOnlyList<Input<string>> argv, IReadOnlyList<Input<string>> triggers, ResourceOptions options);

    /// <summary>Keeps a foreground program running on the node (restarted when a trigger changes).</summary>
    Resource Serve(string name, IReadOnlyList<Input<string>> argv, IReadOnlyList<Input<string>> triggers, ResourceOptions options);

    /// <summary>Creates a bare WireGuard interface on the node; keys, peers and addresses are set by a command afterwards.</summary>
    Resource WireGuardInterface(string interfaceName, ResourceOptions options);
}
