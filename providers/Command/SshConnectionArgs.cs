using Kubedos.Engine.Model;

namespace Kubedos.Providers.Command;

/// <summary>The <c>connection</c> input of the remote command resources.</summary>
/// <param name="Host">Host name or address.</param>
/// <param name="User">Login user.</param>
/// <param name="PrivateKey">Client private key (OpenSSH or PEM). A secret.</param>
/// <param name="HostKeyFingerprint">The host key as <c>SHA256:&lt;b64&gt;</c> (ssh-keygen -l); required, never learned on first use.</param>
/// <param name="Port">TCP port.</param>
/// <param name="DialTimeoutSeconds">Connection timeout.</param>
internal sealed record SshConnectionArgs(
    string Host,
    string User,
    [property: Secret] string PrivateKey,
    string HostKeyFingerprint,
    int Port = 22,
    int DialTimeoutSeconds = 15)
{
    public SshEndpoint Endpoint() => new(Host, Port, User, PrivateKey, HostKeyFingerprint, TimeSpan.FromSeconds(DialTimeoutSeconds));

    public override string ToString() => $"{User}@{Host}:{Port}";
}
