using Kubedos.Engine.Model;

namespace Kubedos.Providers.Command;

/// <summary><c>command:remote:Command</c>: a command over SSH on a host whose key is pinned.</summary>
public sealed class RemoteCommand : CustomResource
{
    public RemoteCommand(string name, RemoteCommandArgs args, ResourceOptions? options = null)
        : base("command:remote:Command", name, args, options)
    {
    }

    public Output<string> Stdout { get; private set; } = null!;

    public Output<string> Stderr { get; private set; } = null!;
}
