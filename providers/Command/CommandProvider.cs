using Kubedos.Engine.Providers;

namespace Kubedos.Providers.Command;

/// <summary>The <c>command</c> provider: local commands, and remote commands and file copies over pinned SSH.</summary>
public static class CommandProvider
{
    /// <summary>The package; <paramref name="log"/> receives command output lines with every secret input masked.</summary>
    public static ProviderPackage Create(Action<string>? log = null) =>
        new("command", new LocalCommandHandler(log), new RemoteCommandHandler(log), new CopyToRemoteHandler());
}
