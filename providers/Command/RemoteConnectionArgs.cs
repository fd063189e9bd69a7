using Kubedos.Engine.Model;

namespace Kubedos.Providers.Command;

/// <summary>The SSH connection of <see cref="RemoteCommand"/> and <see cref="CopyToRemote"/>; the host key is pinned, never learned.</summary>
public sealed class RemoteConnectionArgs : ResourceArgs
{
    public required Input<string> Host { get; init; }

    public required Input<string> User { get; init; }

    /// <summary>Client private key (OpenSSH or PEM).</summary>
    [Secret]
    public required Input<string> PrivateKey { get; init; }

    /// <summary>The host key as <c>SHA256:&lt;b64&gt;</c> (what <c>ssh-keygen -l</c> prints).</summary>
    public required Input<string> HostKeyFingerprint { get; init; }

    public Input<int>? Port { get; init; }

    public Input<int>? DialTimeoutSeconds { get; init; }
}
