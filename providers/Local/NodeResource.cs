using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary><c>local:lab:Node</c>: a network namespace with its own hostname and private mounts, on the underlay.</summary>
public sealed class NodeResource : CustomResource
{
    /// <summary>The resource type (the policy pack's destruction boundary watches it).</summary>
    public const string TypeToken = "local:lab:Node";

    public NodeResource(string name, NodeResourceArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, args, options)
    {
    }

    /// <summary>The lab's stack.</summary>
    [Output("stack")]
    public Output<string> Stack { get; private set; } = null!;

    /// <summary>The node's name.</summary>
    [Output("name")]
    public Output<string> NodeName { get; private set; } = null!;

    /// <summary>The node's hostname.</summary>
    [Output("hostname")]
    public Output<string> Hostname { get; private set; } = null!;

    /// <summary>The node's network namespace.</summary>
    [Output("namespace")]
    public Output<string> Namespace { get; private set; } = null!;

    /// <summary>The node's underlay address.</summary>
    [Output("address")]
    public Output<string> Address { get; private set; } = null!;

    /// <summary>The underlay's CIDR.</summary>
    [Output("underlayCidr")]
    public Output<string> UnderlayCidr { get; private set; } = null!;

    /// <summary>The node's underlay interface.</summary>
    [Output("interface")]
    public Output<string> Interface { get; private set; } = null!;

    /// <summary>The node's state directory on the host.</summary>
    [Output("stateDirectory")]
    public Output<string> StateDirectory { get; private set; } = null!;

    /// <summary>The PID of the process holding the node's namespaces.</summary>
    [Output("holderPid")]
    public Output<int> HolderPid { get; private set; } = null!;

    /// <summary>Which incarnation of the node this is: it changes whenever the node is made again (a new machine), never otherwise.</summary>
    [Output("instance")]
    public Output<string> Instance { get; private set; } = null!;

    /// <summary>The id of the state that owns the node's lab.</summary>
    [Output("labOwner")]
    public Output<string> LabOwner { get; private set; } = null!;
}
