using Kubedos.Engine.Model;

namespace Kubedos.Providers.Command;

/// <summary><c>command:local:Command</c>: a command on the machine running kubedos.</summary>
public sealed class LocalCommand : CustomResource
{
    public LocalCommand(string name, LocalCommandArgs args, ResourceOptions? options = null)
        : base("command:local:Command", name, args, options)
    {
    }

    /// <summary>What the last run printed, secrets masked (secret when any input was).</summary>
    public Output<string> Stdout { get; private set; } = null!;

    public Output<string> Stderr { get; private set; } = null!;
}
