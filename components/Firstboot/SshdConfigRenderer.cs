using System.Globalization;
using System.Text;
using Kubedos.Spec.Normalisation;

namespace Kubedos.Components.Firstboot;

/// <summary>Renders a node's hardened <c>sshd_config</c> (a pure function of the spec and the node's address).</summary>
internal static class SshdConfigRenderer
{
    /// <summary>Where Firstboot keeps the node's sshd configuration, host keys and authorized keys.</summary>
    public const string Directory = "/etc/kubedos/ssh";

    public const string ConfigPath = Directory + "/sshd_config";

    public const string PidFile = "/run/sshd-kubedos.pid";

    /// <summary>The host key types generated on the node, strongest first.</summary>
    public static readonly IReadOnlyList<string> HostKeyTypes = ["ed25519", "ecdsa"];

    /// <summary>Ciphers, key exchanges and MACs: AEAD ciphers, (post-quantum hybrid) curve25519 exchanges, encrypt-then-MAC SHA-2 only.</summary>
    public const string Ciphers = "chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com";

    public const string KexAlgorithms = "sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org";

    public const string Macs = "hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com";

    public static string HostKeyPath(string type) => $"{Directory}/ssh_host_{type}_key";

    public static string AuthorizedKeysPath(string user) => $"{Directory}/authorized_keys/{user}";

    /// <summary>The configuration for <paramref name="nodeName"/> listening on <paramref name="listenAddress"/> (its wg1 address).</summary>
    public static string Render(string nodeName, string listenAddress, NormalisedSsh ssh)
    {
        ArgumentNullException.ThrowIfNull(ssh);
        var yesNo = (bool value) => value ? "yes" : "no";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# sshd for {nodeName}, rendered by kubedos from security.ssh; do not edit on the node.");
        text.AppendLine("# Listens only on the node's control-plane (wg1) address: the underlay never carries SSH.");
        text.AppendLine(CultureInfo.InvariantCulture, $"ListenAddress {listenAddress}");
        text.AppendLine("Port 22");
        foreach (var type in HostKeyTypes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"HostKey {HostKeyPath(type)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"AuthorizedKeysFile {Directory}/authorized_keys/%u");
        text.AppendLine("PubkeyAuthentication yes");
        text.AppendLine(CultureInfo.InvariantCulture, $"PasswordAuthentication {yesNo(ssh.PasswordAuth)}");
        text.AppendLine("KbdInteractiveAuthentication no");
        text.AppendLine("PermitEmptyPasswords no");
        text.AppendLine("HostbasedAuthentication no");
        text.AppendLine(CultureInfo.InvariantCulture, $"PermitRootLogin {yesNo(ssh.PermitRootLogin)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"AllowUsers {string.Join(' ', ssh.AllowUsers)}");
        text.AppendLine("UsePAM no");
        text.AppendLine("StrictModes yes");
        text.AppendLine("MaxAuthTries 3");
        text.AppendLine("LoginGraceTime 20");
        text.AppendLine("X11Forwarding no");
        text.AppendLine("AllowAgentForwarding no");
        text.AppendLine("AllowTcpForwarding no");
        text.AppendLine("PermitTunnel no");
        text.AppendLine("ClientAliveInterval 300");
        text.AppendLine("ClientAliveCountMax 2");
        text.AppendLine(CultureInfo.InvariantCulture, $"Ciphers {Ciphers}");
        text.AppendLine(CultureInfo.InvariantCulture, $"KexAlgorithms {KexAlgorithms}");
        text.AppendLine(CultureInfo.InvariantCulture, $"MACs {Macs}");
        text.AppendLine("HostKeyAlgorithms ssh-ed25519,ecdsa-sha2-nistp256");
        text.AppendLine("PubkeyAcceptedAlgorithms ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384");
        text.AppendLine("LogLevel VERBOSE");
        text.AppendLine(CultureInfo.InvariantCulture, $"PidFile {PidFile}");
        return text.ToString();
    }
}
