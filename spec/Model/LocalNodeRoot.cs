using System.Runtime.Serialization;

namespace Kubedos.Spec.Model;

/// <summary>What a local lab node's root file system is.</summary>
internal enum LocalNodeRoot
{
    /// <summary>The host's own files under the node's private /etc, /var/log, /root, /home and /tmp: quick, for development.</summary>
    [EnumMember(Value = "host")]
    Host,

    /// <summary>The stack's built node image (<c>kubedos image build</c>): each node runs in an overlay over its root file system.</summary>
    [EnumMember(Value = "image")]
    Image,
}
