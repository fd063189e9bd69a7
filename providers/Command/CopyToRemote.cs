using Kubedos.Engine.Model;

namespace Kubedos.Providers.Command;

/// <summary><c>command:remote:CopyToRemote</c>: a file written over SFTP to a host whose key is pinned.</summary>
public sealed class CopyToRemote : CustomResource
{
    public CopyToRemote(string name, CopyToRemoteArgs args, ResourceOptions? options = null)
        : base("command:remote:CopyToRemote", name, args, options)
    {
    }

    public Output<string> RemotePath { get; private set; } = null!;

    /// <summary>Hex SHA-256 of what was written (secret when the content is).</summary>
    public Output<string> Sha256 { get; private set; } = null!;

    public Output<long> Size { get; private set; } = null!;
}
