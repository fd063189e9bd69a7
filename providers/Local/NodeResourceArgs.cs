using Kubedos.Engine.Model;

namespace Kubedos.Providers.Local;

/// <summary>Inputs of <c>local:lab:Node</c> (see <see cref="NodeResource"/>).</summary>
public sealed class NodeResourceArgs : ResourceArgs
{
    /// <summary>The node name, also its hostname (a lowercase DNS label).</summary>
    public Input<string> Name { get; init; } = null!;

    /// <summary>The node's underlay address.</summary>
    public Input<string> Address { get; init; } = null!;

    /// <summary>The underlay's CIDR (the <c>cidr</c> output of the underlay, which makes the node depend on it).</summary>
    public Input<string> UnderlayCidr { get; init; } = null!;

    /// <summary>The lab's stack; null takes the URN's stack.</summary>
    public Input<string>? Stack { get; init; }

    /// <summary>The id of the state that owns the lab (the underlay's <c>labOwner</c>); required: another state's lab is refused.</summary>
    public Input<string>? LabOwner { get; init; }

    /// <summary>The node image's rootfs tarball on the host; with <see cref="RootfsSha256"/> the node runs the image, without both the host's files.</summary>
    public Input<string>? RootfsTarball { get; init; }

    /// <summary>The SHA-256 the rootfs tarball must hash to; another image is another machine (the node is replaced).</summary>
    public Input<string>? RootfsSha256 { get; init; }
}
