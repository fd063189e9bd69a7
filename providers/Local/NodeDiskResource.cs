using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary><c>local:lab:Disk</c>: a disk of a lab node (a sparse file attached as a loop device), detached and removed on delete.</summary>
public sealed class NodeDiskResource : CustomResource
{
    public const string TypeToken = NodeDiskHandler.TypeToken;

    public NodeDiskResource(string name, NodeDiskResourceArgs args, ResourceOptions? options = null)
        : base(TypeToken, name, args, options)
    {
    }

    /// <summary>The block device the node sees (<c>/dev/loopN</c>).</summary>
    [Output("device")]
    public Output<string> Device { get; private set; } = null!;

    /// <summary>The host file behind it.</summary>
    [Output("file")]
    public Output<string> File { get; private set; } = null!;
}
