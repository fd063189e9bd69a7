namespace Kubedos.Providers.Command;

/// <summary>Where and as whom to connect over SSH, and which host key to expect.</summary>
/// <param name="Host">Host name or address.</param>
/// <param name="Port">TCP port.</param>
/// <param name="User">Login user.</param>
/// <param name="PrivateKey">The client's private key, OpenSSH or PEM format. A secret.</param>
/// <param name="HostKeyFingerprint">The server's host key, <c>SHA256:&lt;b64&gt;</c>; any other key is refused.</param>
/// <param name="Timeout">Connection timeout.</param>
public sealed record SshEndpoint(
    string Host,
    int Port,
    string User,
    string PrivateKey,
    string HostKeyFingerprint,
    TimeSpan Timeout)
{
    /// <summary>Problems with the endpoint, one (property, reason) each.</summary>
    public IReadOnlyList<(string Property, string Reason)> Problems()
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(Host))
        {
            problems.Add(("connection.host", "is required"));
        }

        if (Port is < 1 or > 65535)
        {
            problems.Add(("connection.port", $"must be 1-65535, got {Port}"));
        }

        if (string.IsNullOrWhiteSpace(User))
        {
            problems.Add(("connection.user", "is required"));
        }

        if (string.IsNullOrWhiteSpace(PrivateKey))
        {
            problems.Add(("connection.privateKey", "is required (key-only authentication)"));
        }

        if (!SshHostKeyPin.IsWellFormed(HostKeyFingerprint))
        {
            problems.Add(("connection.hostKeyFingerprint",
                "is required as 'SHA256:<base64>' (ssh-keygen -l -f <host key>); host keys are pinned, never trusted on first use"));
        }

        return problems;
    }

    /// <summary>The endpoint as a person reads it (no key material).</summary>
    public override string ToString() => $"{User}@{Host}:{Port}";
}
